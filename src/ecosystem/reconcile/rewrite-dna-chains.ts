import { asc, eq, inArray, or, sql } from "drizzle-orm";
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { dnaRecords, type DnaRecordRow } from "../../db/schema";
import { dnaRecordHash } from "../verify-dna-chain";

/**
 * The statements that move the DNA chains naming `oldId` (as subject or actor) to `newId`, for the
 * reconciliation batch. A record's hash covers its subject and actor, so each affected chain's hashes are
 * recomputed from its first changed record on. Those records were held back by the outbox (they name a
 * provisional id), so no remote service ever saw the hashes that change.
 *
 * The chains were read before the batch; each gets a guard that nulls its head's sequence (failing the batch on
 * NOT NULL) if a writer appended meanwhile, and writers fail the same way if they read a head this rewrites
 * (dna.ts). Either way the loser retries and nothing is half rewritten.
 */
export async function dnaChainRewrites(db: Database, oldId: string, newId: string): Promise<BatchItem[]> {
  const touched = await db
    .selectDistinct({ subjectId: dnaRecords.subjectId })
    .from(dnaRecords)
    .where(or(eq(dnaRecords.subjectId, oldId), eq(dnaRecords.actorId, oldId)));
  const statements: BatchItem[] = [];
  for (let i = 0; i < touched.length; i += 90) {
    const subjects = touched.slice(i, i + 90).map((t) => t.subjectId);
    const rows = await db.select().from(dnaRecords).where(inArray(dnaRecords.subjectId, subjects)).orderBy(asc(dnaRecords.subjectId), asc(dnaRecords.sequence));
    const chains = new Map<string, DnaRecordRow[]>();
    for (const row of rows) chains.set(row.subjectId, [...(chains.get(row.subjectId) ?? []), row]);
    for (const chain of chains.values()) statements.push(...(await rewriteChain(db, chain, oldId, newId)));
  }
  return statements;
}

async function rewriteChain(db: Database, chain: DnaRecordRow[], oldId: string, newId: string): Promise<BatchItem[]> {
  const head = chain.at(-1)!;
  const statements: BatchItem[] = [
    db
      .update(dnaRecords)
      .set({ sequence: sql`CASE WHEN (SELECT max(${dnaRecords.sequence}) FROM ${dnaRecords} WHERE ${dnaRecords.subjectId} = ${head.subjectId}) = ${head.sequence} THEN ${dnaRecords.sequence} ELSE NULL END` })
      .where(eq(dnaRecords.id, head.id)) as unknown as BatchItem,
  ];
  const swap = (id: string | null) => (id === oldId ? newId : id);
  let previousHash: string | null = null;
  let changed = false;
  for (const record of chain) {
    const next = { ...record, subjectId: swap(record.subjectId)!, actorId: swap(record.actorId) };
    changed ||= next.subjectId !== record.subjectId || next.actorId !== record.actorId;
    // Records written before record_hash existed stay without one, as verifyDnaChain expects.
    const recordHash: string | null = record.recordHash === null ? null : await dnaRecordHash(next, previousHash);
    previousHash = recordHash;
    if (changed && (next.subjectId !== record.subjectId || next.actorId !== record.actorId || recordHash !== record.recordHash)) {
      statements.push(
        db.update(dnaRecords).set({ subjectId: next.subjectId, actorId: next.actorId, recordHash }).where(eq(dnaRecords.id, record.id)) as unknown as BatchItem,
      );
    }
  }
  return statements;
}
