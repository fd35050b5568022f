import { canonicalJson, sha256Hex } from "./canonical-hash";

/** The fields of a dna_records row the chain check reads; `recordHash` is the proposed `record_hash` column. */
export interface DnaChainRecord {
  id: string;
  subjectId: string;
  kind?: "genesis" | "evolution";
  sequence: number;
  stateHash: string;
  previousId: string | null;
  actorId: string | null;
  event: string;
  createdAt: number;
  recordHash?: string | null;
}

export interface DnaChainProblem {
  recordId: string;
  sequence: number;
  problem: string;
}

export interface DnaChainVerdict {
  valid: boolean;
  length: number;
  /**
   * Whether every record carries a recordHash, so that changing any field of any record shows. Without it
   * only the links and sequence are checked, and a changed stateHash, event or actor goes unnoticed.
   */
  tamperEvident: boolean;
  /** The last record's hash: anchoring it elsewhere (ChittyDNA, Chronicle) also exposes a rewritten tail. */
  headHash: string | null;
  problems: DnaChainProblem[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The tamper-evident hash of one record, chained to the hash of the record before it (null for a genesis).
 * Covers (id, subjectId, sequence, previousRecordHash, stateHash, event, actorId, createdAt); the writer stores
 * it in `record_hash` in the same batch as the row.
 */
export function dnaRecordHash(record: Omit<DnaChainRecord, "recordHash" | "kind" | "previousId">, previousRecordHash: string | null): Promise<string> {
  return sha256Hex(
    canonicalJson({
      id: record.id,
      subjectId: record.subjectId,
      sequence: record.sequence,
      previousRecordHash,
      stateHash: record.stateHash,
      event: record.event,
      actorId: record.actorId,
      createdAt: record.createdAt,
    }),
  );
}

/**
 * Verifies a subject's lineage, genesis first: one subject, sequences 1..n without gaps, each record linked to
 * the one before, and — for records that carry a recordHash — every hash recomputed along the chain.
 * Records written before record_hash existed may open the chain without one; once one has it, all later must.
 */
export async function verifyDnaChain(records: readonly DnaChainRecord[]): Promise<DnaChainVerdict> {
  const problems: DnaChainProblem[] = [];
  const flag = (r: DnaChainRecord, problem: string) => problems.push({ recordId: r.id, sequence: r.sequence, problem });
  if (records.length === 0) return { valid: false, length: 0, tamperEvident: false, headHash: null, problems: [{ recordId: "", sequence: 0, problem: "no records" }] };

  const subjectId = records[0]!.subjectId;
  let previous: DnaChainRecord | undefined;
  let previousHash: string | null = null;
  let hashing = false;
  let unhashed = 0;
  for (const [index, record] of records.entries()) {
    if (record.subjectId !== subjectId) flag(record, `belongs to subject ${record.subjectId}, not ${subjectId}`);
    if (record.sequence !== index + 1) flag(record, `has sequence ${record.sequence} where ${index + 1} belongs`);
    const expectedKind = index === 0 ? "genesis" : "evolution";
    if (record.kind !== undefined && record.kind !== expectedKind) flag(record, `is marked ${record.kind}, expected ${expectedKind}`);
    const expectedPrevious = previous?.id ?? null;
    if (record.previousId !== expectedPrevious) flag(record, `links to ${record.previousId ?? "nothing"} instead of ${expectedPrevious ?? "nothing"}`);
    if (!SHA256_HEX.test(record.stateHash)) flag(record, "has a stateHash that is not a SHA-256");
    if (previous && record.createdAt < previous.createdAt) flag(record, "was created before the record it follows");

    if (record.recordHash) {
      hashing = true;
      const expected = await dnaRecordHash(record, previousHash);
      if (record.recordHash !== expected) flag(record, "does not match its recordHash: the record or one before it was changed");
      previousHash = record.recordHash;
    } else {
      unhashed += 1;
      if (hashing) flag(record, "has no recordHash although the records before it do");
      previousHash = null;
    }
    previous = record;
  }
  return { valid: problems.length === 0, length: records.length, tamperEvident: unhashed === 0, headHash: previousHash, problems };
}
