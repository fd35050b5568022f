import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { dnaRecords, type DnaRecordRow } from "../db/schema";
import { hashState } from "./canonical-hash";
import { mintChittyId } from "./chitty-id";
import { dnaRecordHash } from "./verify-dna-chain";

export interface DnaChange {
  subjectId: string;
  subjectType: string;
  /** The subject's new state; only its hash is stored. */
  state: unknown;
  event: string;
  actorId: string | null;
  now: number;
}

/** What the next record of a chain needs of the one before it. */
export type DnaPrevious = Pick<DnaRecordRow, "id" | "sequence" | "recordHash">;

/**
 * ChittyDNA's embedded default: builds the lineage row for a change, for the caller's batch, with its
 * tamper-evident `record_hash` chained to the previous record's. A subject's first record is its genesis.
 * Concurrent writers of one subject collide on (subject_id, sequence), so only one batch commits; and an evolution
 * commits only while the record it links to still has the hash it was read with (reconciliation rewrites chains),
 * otherwise its sequence comes out NULL and the batch fails (`isStaleDnaLink`).
 */
export async function dnaRecordFor(db: Database, change: DnaChange, previous: DnaPrevious | undefined) {
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
  const recordHash = await dnaRecordHash(row, previous?.recordHash ?? null);
  const sequence = previous
    ? sql`(SELECT ${dnaRecords.sequence} + 1 FROM ${dnaRecords} WHERE ${dnaRecords.id} = ${previous.id} AND ${dnaRecords.recordHash} IS ${previous.recordHash})`
    : row.sequence;
  // Wrapped because drizzle queries are thenables: returning one from an async function would run it.
  return { row: { ...row, recordHash }, statement: db.insert(dnaRecords).values({ ...row, sequence, recordHash }) };
}

/** True when a batch failed because the DNA record it linked to was rewritten meanwhile (see dnaRecordFor). */
export function isStaleDnaLink(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e.message.includes("NOT NULL constraint failed: dna_records.sequence")) return true;
  return false;
}

/** The newest lineage record of a subject, which the next change links to. */
export function latestDnaRecord(db: Database, subjectId: string) {
  return db
    .select({ id: dnaRecords.id, sequence: dnaRecords.sequence, recordHash: dnaRecords.recordHash })
    .from(dnaRecords)
    .where(eq(dnaRecords.subjectId, subjectId))
    .orderBy(desc(dnaRecords.sequence))
    .limit(1);
}

/** The whole lineage of a subject, genesis first. */
export function dnaLineage(db: Database, subjectId: string) {
  return db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, subjectId)).orderBy(dnaRecords.sequence);
}

/** One DNA record by its id. */
export function dnaRecordById(db: Database, id: string) {
  return db.select().from(dnaRecords).where(eq(dnaRecords.id, id)).limit(1);
}
