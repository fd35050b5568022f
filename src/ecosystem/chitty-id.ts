import type { Database } from "../db/client";
import { chittyIds } from "../db/schema";

/** Entity types that get ChittyIDs, as they appear in `CHITTY-{TYPE}-{uuid}`. */
export type ChittyIdType = "CONTEXT" | "ACTOR" | "CONN" | "INSTALL" | "EVENT" | "DNA" | "DELEGATION" | "COMMIT" | "PR" | "ISSUE" | "REPO";

export interface MintedChittyId {
  id: string;
  source: "local" | "remote";
}

const CHITTY_ID = /^CHITTY-[A-Z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isChittyId(value: string, type?: ChittyIdType): boolean {
  return CHITTY_ID.test(value) && (type === undefined || value.startsWith(`CHITTY-${type}-`));
}

/**
 * Mints a ChittyID. With no ChittyID authority configured this is the embedded default:
 * a local UUIDv4, recorded as `source: "local"` so it can be re-registered with the authority later.
 */
export function mintChittyId(type: ChittyIdType): MintedChittyId {
  return { id: `CHITTY-${type}-${crypto.randomUUID()}`, source: "local" };
}

/** The provenance row for a minted ID; callers put it in the same batch as the entity it names. */
export function recordChittyId(db: Database, minted: MintedChittyId, type: ChittyIdType, now: number) {
  return db.insert(chittyIds).values({ id: minted.id, entityType: type, source: minted.source, mintedAt: now });
}
