import { inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { chronicleEvents, dnaRecords, ecosystemOutbox } from "../../../src/db/schema";
import { checkHealth } from "../../../src/health";
import { db } from "../../fixtures/db";
import { callWith, capturingQueue, consumeContextOps } from "../../fixtures/worker-env";
import { uniqueName } from "../../helpers";
import { useFakeChittyOS } from "../../unit/ecosystem/helpers";

const opaqueId = () => `OBX-${crypto.randomUUID().slice(0, 13).toUpperCase()}`;

/** The DNA record ids and Chronicle event ids recorded about a subject. */
async function recordsOf(subjectId: string) {
  const dna = (await db.select({ id: dnaRecords.id }).from(dnaRecords).where(inArray(dnaRecords.subjectId, [subjectId])).orderBy(dnaRecords.sequence)).map((r) => r.id);
  const events = (await db.select({ id: chronicleEvents.id }).from(chronicleEvents).where(inArray(chronicleEvents.subjectId, [subjectId]))).map((r) => r.id);
  return { dna, events };
}

describe("the DNA and Chronicle outbox", () => {
  const chittyos = useFakeChittyOS();

  it("keeps every record through an outage and delivers each once, under its own id as Idempotency-Key, after recovery", async () => {
    const queue = capturingQueue();
    const env = { ...chittyos.env(), CONTEXT_OPS_QUEUE: queue.binding };
    chittyos.fake.mintIds.push(...Array.from({ length: 30 }, opaqueId));
    chittyos.fake.set(["chittydna", "chittychronicle"], "down");

    const created = await callWith(env, "/v1/contexts/create", { method: "POST", body: JSON.stringify({ name: uniqueName("outbox") }) });
    expect(created.status).toBe(201);
    const context = (await created.json()) as { id: string };
    for (let version = 1; version <= 3; version++) {
      const update = await callWith(env, `/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version + 1}` }) });
      expect(update.status, "user requests never fail for DNA or Chronicle").toBe(200);
    }
    const { dna, events } = await recordsOf(context.id);
    expect(dna).toHaveLength(4);
    expect(events).toHaveLength(4);
    const mine = await db.select().from(ecosystemOutbox).where(inArray(ecosystemOutbox.recordId, [...dna, ...events]));
    expect(mine).toHaveLength(8);
    expect(mine.every((row) => row.deliveredAt === null)).toBe(true);

    // A drain during the outage sends nothing and loses nothing.
    await consumeContextOps(env, [{ type: "drain-outbox" }]);
    const health = await checkHealth(env);
    expect(health.ecosystem.outbox!.pending).toBeGreaterThanOrEqual(8);
    expect(health.status).toBe("ok");
    expect(health.ecosystem.services.chittydna).toMatchObject({ mode: "remote", healthy: false });
    // Four Chronicle forwards failed in a row: the breaker opened after the third.
    expect(health.ecosystem.services.chittychronicle).toMatchObject({ mode: "remote", healthy: false, circuit: "open" });

    // Recovery, after the breakers' cool-down and the rows' backoff: the first forward is the half-open probe,
    // its success closes the circuit, and the consumer drains the rest (re-queueing itself while rows are due).
    chittyos.fake.set(["chittydna", "chittychronicle"], "up");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10 * 60_000 });
    try {
      for (let pass = 0; pass < 3; pass++) await consumeContextOps(env, [{ type: "drain-outbox" }]);
    } finally {
      vi.useRealTimers();
    }

    const after = await db.select().from(ecosystemOutbox).where(inArray(ecosystemOutbox.recordId, [...dna, ...events]));
    expect(after.filter((row) => row.deliveredAt === null)).toEqual([]);
    // DNA goes in chain order: genesis first, then each evolution.
    expect([...chittyos.fake.dna.keys()].filter((k) => dna.includes(k))).toEqual(dna);
    expect(chittyos.fake.dna.get(dna[0]!)?.operation).toBe("genesis");
    expect([...chittyos.fake.chronicle.keys()].filter((k) => events.includes(k)).sort()).toEqual([...events].sort());
    // Every forward carried its record's id; no record was delivered under two keys, and none was sent twice after success.
    const keys = [...chittyos.fake.callsTo("chittydna"), ...chittyos.fake.callsTo("chittychronicle")]
      .filter((c) => c.method === "POST" && c.idempotencyKey && [...dna, ...events].includes(c.idempotencyKey))
      .map((c) => c.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([...dna, ...events]));
    // The half-open probe (the first forward after the cool-down) succeeded and closed both circuits.
    const recovered = await checkHealth(env);
    expect(recovered.ecosystem.services.chittydna).toMatchObject({ mode: "remote", healthy: true, circuit: "closed" });
    expect(recovered.ecosystem.services.chittychronicle).toMatchObject({ mode: "remote", healthy: true, circuit: "closed" });
  });
});
