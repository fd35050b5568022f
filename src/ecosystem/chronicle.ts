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

/** The row of one Chronicle event, for callers that insert many in one statement (and outbox them with outboxRows). */
export function chronicleRow(entry: ChronicleEntry): typeof chronicleEvents.$inferInsert & { id: string } {
  return { id: mintChittyId("EVENT").id, type: entry.type, subjectId: entry.subjectId, actorId: entry.actorId, occurredAt: entry.now, data: entry.data };
}

/** ChittyChronicle's embedded default: the timeline row for an event, for the caller's batch (see recordEvent). */
export function chronicleEventFor(db: Database, row: typeof chronicleEvents.$inferInsert) {
  return db.insert(chronicleEvents).values(row);
}
