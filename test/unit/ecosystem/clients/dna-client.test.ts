import { describe, expect, it } from "vitest";
import { createDnaClient, type DnaForward } from "../../../../src/ecosystem/clients/dna-client";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();
const record = (sequence: number): DnaForward => ({
  id: `CHITTY-DNA-${crypto.randomUUID()}`,
  subjectId: "CHITTY-CONTEXT-1",
  subjectType: "context",
  sequence,
  stateHash: "b".repeat(64),
  previousId: sequence === 1 ? null : "CHITTY-DNA-previous",
  recordHash: "c".repeat(64),
  event: "context.updated",
  actorId: "CHITTY-ACTOR-1",
  createdAt: Date.UTC(2026, 0, 1),
});

describe("DNA client", () => {
  it("forwards genesis and evolution to their routes, reading dna_id or id, top level or under data", async () => {
    for (const variant of [0, 1, 2]) {
      ctx.fake.variants.chittydna = variant;
      const client = await createDnaClient(ctx.env());
      const genesis = record(1);
      const evolution = record(2);
      expect(await client.genesis(genesis)).toEqual({ status: "sent", dnaId: ctx.fake.dna.get(genesis.id)!.id });
      expect(await client.evolve(evolution)).toEqual({ status: "sent", dnaId: ctx.fake.dna.get(evolution.id)!.id });
      expect([ctx.fake.dna.get(genesis.id)!.operation, ctx.fake.dna.get(evolution.id)!.operation]).toEqual(["genesis", "evolve"]);
    }
    const [first] = ctx.fake.callsTo("chittydna");
    expect(first).toMatchObject({ path: "/api/v1/dna/genesis", idempotencyKey: expect.stringMatching(/^CHITTY-DNA-/) });
    expect(first!.body).toMatchObject({ subject_id: "CHITTY-CONTEXT-1", sequence: 1, previous_id: null, record_hash: "c".repeat(64), created_at: "2026-01-01T00:00:00.000Z" });
  });

  it("embedded, forwards nothing", async () => {
    const client = await createDnaClient(embeddedEnv());
    expect([client.mode, await client.genesis(record(1)), await client.evolve(record(2))]).toEqual(["embedded", { status: "embedded" }, { status: "embedded" }]);
  });
});
