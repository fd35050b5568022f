import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dnaRecords } from "../../../src/db/schema";
import { createVerifyClient } from "../../../src/ecosystem/clients/verify-client";
import { dnaLineage } from "../../../src/ecosystem/dna";
import { verifyDnaChain } from "../../../src/ecosystem/verify-dna-chain";
import { db } from "../../fixtures/db";
import { call, createContextViaRest, gql, uniqueName } from "../../helpers";
import { embeddedEnv } from "./helpers";

async function contextWithHistory() {
  const context = await createContextViaRest({ name: uniqueName("dna tamper") });
  for (let version = 1; version <= 2; version++) {
    const response = await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version + 1}` }) });
    expect(response.status).toBe(200);
  }
  return context.id as string;
}

describe("DNA chain verification with record hashes", () => {
  it("accepts the chain every writer produced: each record hashed and linked to the one before", async () => {
    const lineage = await dnaLineage(db, await contextWithHistory());
    expect(lineage).toHaveLength(3);
    expect(lineage.every((r) => /^[0-9a-f]{64}$/.test(r.recordHash ?? ""))).toBe(true);
    const verdict = await verifyDnaChain(lineage);
    expect(verdict).toMatchObject({ valid: true, length: 3, tamperEvident: true, problems: [], headHash: lineage[2]!.recordHash });
    const graph = await gql(`query($id: ID!) { context(id: $id) { dnaVerification { valid source tamperEvident headHash length } } }`, { id: lineage[0]!.subjectId });
    expect(graph.data!.context.dnaVerification).toEqual({ valid: true, source: "embedded", tamperEvident: true, headHash: lineage[2]!.recordHash, length: 3 });
  });

  it("detects a tampered record, in the core check and through the embedded ChittyVerify", async () => {
    const id = await contextWithHistory();
    const [, middle] = await dnaLineage(db, id);
    // Someone with database access rewrites what happened, keeping the links intact.
    await db.update(dnaRecords).set({ event: "archived", stateHash: sql`lower(hex(randomblob(32)))` }).where(eq(dnaRecords.id, middle!.id));
    const tampered = await dnaLineage(db, id);
    const verdict = await verifyDnaChain(tampered);
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.map((p) => p.recordId)).toContain(middle!.id);

    const graph = await gql(`query($id: ID!) { context(id: $id) { dnaVerification { valid tamperEvident reason } } }`, { id });
    expect(graph.data!.context.dnaVerification).toMatchObject({ valid: false, tamperEvident: true, reason: expect.stringContaining(middle!.id) });

    const verifier = await createVerifyClient(embeddedEnv());
    const answer = await verifier.verify({ kind: "dna-chain", value: tampered });
    expect(answer).toMatchObject({ valid: false, source: "embedded" });
  });

  it("detects a record whose hash was recomputed to match, at the next record", async () => {
    const id = await contextWithHistory();
    const [genesis, middle, head] = await dnaLineage(db, id);
    const { dnaRecordHash } = await import("../../../src/ecosystem/verify-dna-chain");
    const forged = { ...middle!, event: "archived" };
    await db.update(dnaRecords).set({ event: "archived", recordHash: await dnaRecordHash(forged, genesis!.recordHash) }).where(eq(dnaRecords.id, middle!.id));
    const verdict = await verifyDnaChain(await dnaLineage(db, id));
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.map((p) => p.recordId)).toEqual([head!.id]);
  });
});
