import { describe, expect, it } from "vitest";
import { hashState } from "../../../src/ecosystem/canonical-hash";
import { dnaRecordHash, verifyDnaChain, type DnaChainRecord } from "../../../src/ecosystem/verify-dna-chain";

/** A lineage of `n` records as the writer would store them, each with its chained recordHash. */
async function lineage(n: number, options: { hashed?: boolean } = {}): Promise<DnaChainRecord[]> {
  const subjectId = `CHITTY-CONTEXT-${crypto.randomUUID()}`;
  const records: DnaChainRecord[] = [];
  let previousHash: string | null = null;
  for (let i = 1; i <= n; i++) {
    const record: DnaChainRecord = {
      id: `CHITTY-DNA-${crypto.randomUUID()}`,
      subjectId,
      kind: i === 1 ? "genesis" : "evolution",
      sequence: i,
      stateHash: await hashState({ name: "ctx", version: i }),
      previousId: records.at(-1)?.id ?? null,
      actorId: "CHITTY-ACTOR-00000000-0000-4000-8000-000000000001",
      event: i === 1 ? "context.created" : "context.updated",
      createdAt: 1_750_000_000_000 + i * 1000,
    };
    if (options.hashed !== false) {
      record.recordHash = await dnaRecordHash(record, previousHash);
      previousHash = record.recordHash;
    }
    records.push(record);
  }
  return records;
}

const problemsOf = async (records: DnaChainRecord[]) => (await verifyDnaChain(records)).problems.map((p) => `${p.sequence}: ${p.problem}`);

describe("verifyDnaChain", () => {
  it("accepts an untouched hashed lineage as valid and tamper-evident, reporting its head hash", async () => {
    const records = await lineage(5);
    const verdict = await verifyDnaChain(records);
    expect(verdict).toMatchObject({ valid: true, length: 5, tamperEvident: true, problems: [] });
    expect(verdict.headHash).toBe(records[4]!.recordHash);
  });

  it("detects a record whose stored state hash, event or actor was changed", async () => {
    for (const change of [
      (r: DnaChainRecord) => (r.stateHash = "0".repeat(64)),
      (r: DnaChainRecord) => (r.event = "context.deleted"),
      (r: DnaChainRecord) => (r.actorId = "CHITTY-ACTOR-00000000-0000-4000-8000-000000000666"),
      (r: DnaChainRecord) => (r.createdAt += 1),
    ]) {
      const records = await lineage(4);
      change(records[2]!);
      const verdict = await verifyDnaChain(records);
      expect(verdict.valid).toBe(false);
      expect(verdict.problems).toEqual([expect.objectContaining({ recordId: records[2]!.id, problem: expect.stringMatching(/recordHash/) })]);
    }
  });

  it("detects a changed record whose own hash was recomputed, at the record after it", async () => {
    const records = await lineage(4);
    records[1]!.stateHash = "f".repeat(64);
    const before = records[0]!.recordHash!;
    records[1]!.recordHash = await dnaRecordHash(records[1]!, before);
    expect(await problemsOf(records)).toEqual(["3: does not match its recordHash: the record or one before it was changed"]);
  });

  it("lets an external anchor expose a tail rewritten hash by hash", async () => {
    const records = await lineage(3);
    const anchored = (await verifyDnaChain(records)).headHash;
    records[2]!.event = "context.deleted";
    records[2]!.recordHash = await dnaRecordHash(records[2]!, records[1]!.recordHash!);
    const verdict = await verifyDnaChain(records);
    expect(verdict.valid).toBe(true);
    expect(verdict.headHash).not.toBe(anchored);
  });

  it("reports gaps, broken links, a second genesis and records of another subject", async () => {
    const gap = await lineage(4);
    gap.splice(1, 1);
    expect(await problemsOf(gap)).toEqual(
      expect.arrayContaining(["3: has sequence 3 where 2 belongs", expect.stringMatching(/^3: links to CHITTY-DNA-.* instead of CHITTY-DNA-/)]),
    );

    const relinked = await lineage(3);
    relinked[2]!.previousId = relinked[0]!.id;
    expect(await problemsOf(relinked)).toContainEqual(expect.stringMatching(/^3: links to/));

    const twoGeneses = await lineage(2);
    twoGeneses[1]!.kind = "genesis";
    expect(await problemsOf(twoGeneses)).toContain("2: is marked genesis, expected evolution");

    const mixed = await lineage(2);
    mixed[1]!.subjectId = "CHITTY-CONTEXT-someone-else";
    expect((await verifyDnaChain(mixed)).valid).toBe(false);
  });

  it("checks only the structure of records written before record_hash, and says it is not tamper-evident", async () => {
    const legacy = await lineage(3, { hashed: false });
    expect(await verifyDnaChain(legacy)).toMatchObject({ valid: true, tamperEvident: false, headHash: null });
    legacy[1]!.event = "changed";
    expect((await verifyDnaChain(legacy)).valid).toBe(true);
  });

  it("refuses a hashed chain in which a later record lost its hash, and an empty chain", async () => {
    const records = await lineage(3);
    records[2]!.recordHash = null;
    expect(await problemsOf(records)).toEqual(["3: has no recordHash although the records before it do"]);
    expect((await verifyDnaChain([])).valid).toBe(false);
  });
});
