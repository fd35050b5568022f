import { and, asc, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { chittyIds } from "../../db/schema";
import { AppError } from "../../errors";
import type { ChittyIdType } from "../chitty-id";
import { createChittyIdClient } from "../clients/chitty-id-client";
import { enqueueContextOp } from "../context-ops";
import type { CallOptions } from "../http/call-service";
import { dnaChainRewrites } from "./rewrite-dna-chains";
import { referenceRewrites } from "./rewrite-references";

/** Provisional ids one run reconciles at most; the run queues itself again while more are left. */
export const RECONCILE_BATCH = 20;
// A writer committing between the read and the batch moves a DNA chain's head; reading again settles it.
const ATTEMPTS_PER_ID = 3;

export interface ReconcileResult {
  reconciled: { from: string; to: string }[];
  /** Why the run stopped early, when it did (the authority failed again, or a batch kept colliding). */
  stoppedBy?: string;
  /** Provisional ids still waiting after this run. */
  remaining: number;
}

/**
 * Replaces provisional ChittyIDs with the authority's, oldest first: mints the authoritative id, then rewrites
 * every reference (entities, relations, DNA chains with their hashes, Chronicle events, JSON the gateway wrote) in
 * one D1 batch, and keeps the provisional id in `chitty_ids` as an alias of the new one. Stops at the authority's
 * first failure. Afterwards the outbox is queued, since records it held back for naming provisional ids may now go.
 * KV copies that still carry an old id are the caller's to evict (src/resolvers/reconciliation.ts).
 */
export async function reconcileProvisionalIds(env: Env, db: Database, options: CallOptions = {}): Promise<ReconcileResult> {
  const client = await createChittyIdClient(env, options);
  const result: ReconcileResult = { reconciled: [], remaining: 0 };
  if (client.mode === "embedded") {
    result.stoppedBy = "no ChittyID authority is configured or discovered: provisional ids stay until one is";
  } else {
    const pending = await unreconciledIds(db, RECONCILE_BATCH);
    for (const row of pending) {
      let minted: string;
      try {
        minted = (await client.mint(`reconcile ${row.entityType.toLowerCase()}`, row.entityType as ChittyIdType)).id;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.stoppedBy = error.message;
        break;
      }
      const outcome = await rewrite(db, row, minted);
      if (outcome !== "done") {
        result.stoppedBy = outcome;
        break;
      }
      result.reconciled.push({ from: row.id, to: minted });
    }
  }
  result.remaining = (await unreconciledIds(db, RECONCILE_BATCH + 1)).length;
  if (result.reconciled.length > 0) await enqueueContextOp(env, { type: "drain-outbox" });
  if (result.reconciled.length > 0 && result.remaining > 0) await enqueueContextOp(env, { type: "reconcile" });
  return result;
}

function unreconciledIds(db: Database, limit: number) {
  return db
    .select()
    .from(chittyIds)
    .where(and(eq(chittyIds.source, "provisional"), isNull(chittyIds.replacedBy)))
    .orderBy(asc(chittyIds.mintedAt))
    .limit(limit);
}

async function rewrite(db: Database, row: typeof chittyIds.$inferSelect, newId: string): Promise<"done" | string> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS_PER_ID; attempt++) {
    const now = Date.now();
    const statements: BatchItem[] = [
      db.insert(chittyIds).values({ id: newId, entityType: row.entityType, source: "remote", mintedAt: now }),
      // Only while still provisional: a concurrent run that got there first makes this batch a no-op, and the
      // insert above then fails on the primary key of the id it would have minted twice.
      db.update(chittyIds).set({ replacedBy: newId, reconciledAt: now }).where(and(eq(chittyIds.id, row.id), isNull(chittyIds.replacedBy))),
      ...(await dnaChainRewrites(db, row.id, newId)),
      ...referenceRewrites(db, row.id, newId, row.mintedAt),
    ];
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      return "done";
    } catch (error) {
      lastError = error;
    }
  }
  return `reconciling ${row.id} failed ${ATTEMPTS_PER_ID} times: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
}
