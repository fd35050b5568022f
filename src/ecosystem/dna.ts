import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { dnaRecords, type DnaRecordRow } from "../db/schema";
import { hashState } from "./canonical-hash";
import { mintChittyId } from "./chitty-id";

export interface DnaChange {
  subjectId: string;
  subjectType: string;
  /** The subject's new state; only its hash is stored. */
  state: unknown;
  event: string;
  actorId: string | null;
  now: number;
}

/**
 * ChittyDNA's embedded default: builds the lineage row for a change, for the caller's batch.
 * A subject's first record is its genesis; each later one links to the record before it.
 * Concurrent writers of one subject collide on (subject_id, sequence), so only one batch commits.
 */
export async function dnaRecordFor(
  db: Database,
  change: DnaChange,
  previous: Pick<DnaRecordRow, "id" | "sequence"> | undefined,
): Promise<{ statement: ReturnType<typeof insertDna> }> {
  const row = {
    id: mintChittyId("DNA").id,
    subjectId: change.subjectId,
    subjectType: change.subjectType,
    kind: previous ? ("evolution" as const) : ("genesis" as const),
    sequence: previous ? previous.sequence + 1 : 1,
    stateHash: await hashState(change.state),
    previousId: previous?.id ?? null,
    actorId: change.actorId,
    event: change.event,
    createdAt: change.now,
  };
  // Wrapped because drizzle queries are thenables: returning one from an async function would run it.
  return { statement: insertDna(db, row) };
}

function insertDna(db: Database, row: typeof dnaRecords.$inferInsert) {
  return db.insert(dnaRecords).values(row);
}

/** The newest lineage record of a subject, which the next change links to. */
export function latestDnaRecord(db: Database, subjectId: string) {
  return db
    .select({ id: dnaRecords.id, sequence: dnaRecords.sequence })
    .from(dnaRecords)
    .where(eq(dnaRecords.subjectId, subjectId))
    .orderBy(desc(dnaRecords.sequence))
    .limit(1);
}

/** The whole lineage of a subject, genesis first. */
export function dnaLineage(db: Database, subjectId: string) {
  return db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, subjectId)).orderBy(dnaRecords.sequence);
}
