import type { BatchItem } from "../db/batch";
import type { Database } from "../db/client";
import { chronicleEventFor, chronicleRow, type ChronicleEntry } from "./chronicle";
import { dnaRecordFor, latestDnaRecord, type DnaPrevious } from "./dna";
import { outboxRows } from "./outbox/outbox-rows";
import type { OutboxTargets } from "./outbox/outbox-targets";

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
  previous?: DnaPrevious | null;
}

/**
 * The DNA record and the Chronicle event of one change, for the caller's D1 batch, with their outbox rows when a
 * remote ChittyDNA / ChittyChronicle is configured (`outboxTargets(env)`). Every writer records its changes through
 * here, so that what ChittyDNA and ChittyChronicle receive is decided in one place, and nothing recorded locally
 * can miss its forward.
 */
export async function recordChange(db: Database, change: Change, targets: OutboxTargets): Promise<BatchItem[]> {
  const previous = change.previous === undefined ? (await latestDnaRecord(db, change.subjectId))[0] : (change.previous ?? undefined);
  const { subjectId, subjectType, state, event, type, data, actorId, now } = change;
  const dna = await dnaRecordFor(db, { subjectId, subjectType, state, event, actorId, now }, previous);
  return [
    dna.statement,
    ...(targets.dna ? outboxRows(db, "dna", [dna.row.id], now) : []),
    ...recordEvent(db, { type, subjectId, actorId, data, now }, targets),
  ];
}

/** A Chronicle event that is not a change of its subject's state (grants, keys, refusals), with its outbox row. */
export function recordEvent(db: Database, entry: ChronicleEntry, targets: OutboxTargets): BatchItem[] {
  const row = chronicleRow(entry);
  return [chronicleEventFor(db, row), ...(targets.chronicle ? outboxRows(db, "chronicle", [row.id], entry.now) : [])];
}
