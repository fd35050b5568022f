import type { Database } from "../db/client";
import { chronicleEvents } from "../db/schema";
import { mintChittyId } from "./chitty-id";

export interface ChronicleEntry {
  type: string;
  subjectId: string;
  actorId: string | null;
  data: Record<string, unknown>;
  now: number;
}

/** ChittyChronicle's embedded default: the timeline row for an event, for the caller's batch. */
export function chronicleEventFor(db: Database, entry: ChronicleEntry) {
  return db.insert(chronicleEvents).values({
    id: mintChittyId("EVENT").id,
    type: entry.type,
    subjectId: entry.subjectId,
    actorId: entry.actorId,
    occurredAt: entry.now,
    data: entry.data,
  });
}
