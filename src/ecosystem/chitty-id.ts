import { z } from "zod";
import type { Database } from "../db/client";
import { chittyIds } from "../db/schema";

/** Entity types that get ChittyIDs, as they appear in `CHITTY-{TYPE}-{uuid}`. */
export type ChittyIdType = "CONTEXT" | "ACTOR" | "CONN" | "INSTALL" | "EVENT" | "DNA" | "DELEGATION" | "COMMIT" | "PR" | "ISSUE" | "REPO";

export interface MintedChittyId {
  id: string;
  /** local: no authority configured; remote: the authority's; provisional: local because the authority could not answer. */
  source: "local" | "remote" | "provisional";
}

const CHITTY_ID = /^CHITTY-[A-Z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether an id has the embedded `CHITTY-{TYPE}-{uuid}` shape; never a reason to refuse an id (authority ids are opaque). */
export function isChittyId(value: string, type?: ChittyIdType): boolean {
  return CHITTY_ID.test(value) && (type === undefined || value.startsWith(`CHITTY-${type}-`));
}

/**
 * Any ChittyID, as an opaque string: the embedded `CHITTY-{TYPE}-{uuid}`, the authority's canonical
 * `VV-G-LLL-SSSS-T-YM-C-X`, or whatever else it mints. Only what could never be an id is refused (spaces, control
 * characters, path separators, more than 200 characters), so an id fits a URL path segment and a log line as is;
 * the ChittyID client refuses an authority id outside this too, so every id the gateway stores can be addressed.
 */
export const opaqueChittyId = z
  .string()
  .max(200, "a ChittyID has at most 200 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:~@+=-]*$/, "a ChittyID is letters, digits and . _ : ~ @ + = - (no spaces or slashes)");

/**
 * A local ChittyID: a UUIDv4 in the embedded form. Every entity's id comes from `mintEntityId` (the authority when
 * one is configured); this serves it, and the ledger's own record ids (DNA records, Chronicle events), which are
 * the Idempotency-Keys of their forwards and never need the authority.
 */
export function mintChittyId(type: ChittyIdType): MintedChittyId {
  return { id: `CHITTY-${type}-${crypto.randomUUID()}`, source: "local" };
}

/** The provenance row for a minted ID; callers put it in the same batch as the entity it names. */
export function recordChittyId(db: Database, minted: MintedChittyId, type: ChittyIdType, now: number) {
  return db.insert(chittyIds).values({ id: minted.id, entityType: type, source: minted.source, mintedAt: now });
}
