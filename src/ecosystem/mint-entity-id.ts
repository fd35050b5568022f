import { AppError } from "../errors";
import { mintChittyId, type ChittyIdType, type MintedChittyId } from "./chitty-id";
import { createChittyIdClient } from "./clients/chitty-id-client";
import { enqueueContextOp } from "./context-ops";
import type { CallOptions } from "./http/call-service";

export interface MintScope extends CallOptions {
  /** Runs work after the response (queueing reconciliation). */
  waitUntil: (promise: Promise<unknown>) => void;
}

export type MintedEntityId = MintedChittyId & {
  /** Why the id is provisional: the authority's failure, in the ChittyID client's words. */
  reason?: string;
};

// Set when this isolate issued a provisional id after a refusal (4xx): the breaker closes on a refusal, so its
// recovery hook would not fire on the next success; this makes the next successful mint queue reconciliation.
let provisionalPending = false;

/**
 * Mints a new entity's ChittyID: by the authority when one is configured or discovered, locally when none is
 * (`local`), and — the scope's contingency — a provisional local id when the authority is configured but cannot
 * answer in time (`provisional`), which reconciliation replaces once it answers again. Never fails for the
 * authority's sake, and waits at most one ChittyOS timeout.
 */
export async function mintEntityId(env: Env, type: ChittyIdType, purpose: string, scope: MintScope): Promise<MintedEntityId> {
  const client = await createChittyIdClient(env, scope);
  if (client.mode === "embedded") return mintChittyId(type);
  try {
    const minted = await client.mint(purpose, type);
    if (provisionalPending) {
      provisionalPending = false;
      scope.waitUntil(enqueueContextOp(env, { type: "reconcile" }));
    }
    return minted;
  } catch (error) {
    // Only the authority's failures have a contingency; anything else (the caller left) is the caller's to see.
    if (!(error instanceof AppError)) throw error;
    provisionalPending = true;
    return { id: mintChittyId(type).id, source: "provisional", reason: error.message };
  }
}
