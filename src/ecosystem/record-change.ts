import type { BatchItem } from "../db/batch";
import type { Database } from "../db/client";
import type { DnaRecordRow } from "../db/schema";
import { chronicleEventFor } from "./chronicle";
import { dnaRecordFor, latestDnaRecord } from "./dna";

/** One change of a ChittyOS subject, as DNA and Chronicle both record it. */
export interface Change {
  subjectId: string;
  subjectType: string;
  /** The subject's state after the change; DNA keeps its hash. */
  state: unknown;
  /** DNA's name for the change: created, updated, disconnected, push… */
  event: string;
  /** Chronicle's dotted event type, and what the event says. */
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
  now: number;
  /** The subject's newest DNA record: null for its genesis; left out, it is read here. */
  previous?: Pick<DnaRecordRow, "id" | "sequence"> | null;
}

/**
 * The DNA record and the Chronicle event of one change, for the caller's D1 batch. Every writer records its
 * changes through here, so that what ChittyDNA and ChittyChronicle receive is decided in one place.
 */
export async function recordChange(db: Database, change: Change): Promise<BatchItem[]> {
  const previous = change.previous === undefined ? (await latestDnaRecord(db, change.subjectId))[0] : (change.previous ?? undefined);
  const { subjectId, subjectType, state, event, type, data, actorId, now } = change;
  const dna = await dnaRecordFor(db, { subjectId, subjectType, state, event, actorId, now }, previous);
  return [dna.statement, chronicleEventFor(db, { type, subjectId, actorId, data, now })];
}
