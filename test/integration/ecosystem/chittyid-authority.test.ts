import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { chittyIds, contexts } from "../../../src/db/schema";
import { db } from "../../fixtures/db";
import { callWith, capturingQueue, consumeContextOps, gqlWith } from "../../fixtures/worker-env";
import { uniqueName } from "../../helpers";
import { useFakeChittyOS } from "../../unit/ecosystem/helpers";
import type { FakeMode } from "../../fakes/chittyos";

const TIMEOUT_MS = 500; // the fake's CHITTYOS_TIMEOUT_MS
const opaqueId = () => `AUTH-${crypto.randomUUID().slice(0, 13).toUpperCase()}`;

async function createContext(env: Env) {
  const started = Date.now();
  const response = await callWith(env, "/v1/contexts/create", { method: "POST", body: JSON.stringify({ name: uniqueName("authority") }) });
  return { response, elapsed: Date.now() - started, body: (await response.json()) as Record<string, any> };
}

describe("the ChittyID authority", () => {
  const chittyos = useFakeChittyOS();
  // Unique opaque ids for every mint (the fake's own sequence restarts with each fake, and D1 is shared).
  beforeEach(() => chittyos.fake.mintIds.push(...Array.from({ length: 30 }, opaqueId)));

  it("mints every new context's id, opaque, and the id is usable as an argument", async () => {
    const { response, body } = await createContext(chittyos.env());
    expect(response.status).toBe(201);
    const id = body.id as string;
    expect(chittyos.fake.minted.has(id)).toBe(true);
    expect(id).toMatch(/^AUTH-/);
    expect(body.idProvisional).toBe(false);
    const [recorded] = await db.select().from(chittyIds).where(eq(chittyIds.id, id));
    expect(recorded).toMatchObject({ source: "remote", entityType: "CONTEXT" });
    expect((await callWith(chittyos.env(), `/v1/contexts/${id}`)).status).toBe(200);
    expect((await gqlWith(chittyos.env(), `query($id: ID!) { context(id: $id) { id idProvisional } }`, { id })).data).toEqual({
      context: { id, idProvisional: false },
    });
  });

  for (const mode of ["down", "slow", "error", "garbage", "wrong-shape"] as FakeMode[]) {
    it(`issues a provisional local id within the timeout while ChittyID is ${mode}`, async () => {
      chittyos.fake.set("chittyid", mode);
      const { response, elapsed, body } = await createContext(chittyos.env());
      expect(response.status).toBe(201);
      // One ChittyOS timeout at most, plus a margin for D1 and the loaded test machine.
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2500);
      expect(body.idProvisional).toBe(true);
      expect(body.id).toMatch(/^CHITTY-CONTEXT-/);
      const [recorded] = await db.select().from(chittyIds).where(eq(chittyIds.id, body.id));
      expect(recorded).toMatchObject({ source: "provisional", replacedBy: null });
    });
  }

  it("reconciles provisional ids on its own once ChittyID answers again, and the old id still resolves", async () => {
    const queue = capturingQueue();
    const env = { ...chittyos.env(), CONTEXT_OPS_QUEUE: queue.binding };
    chittyos.fake.set("chittyid", "down");
    const provisional = (await createContext(env)).body;
    expect(provisional.idProvisional).toBe(true);
    const update = await callWith(env, `/v1/contexts/${provisional.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "before reconciliation" }) });
    expect(update.status).toBe(200);
    expect(queue.sent).toEqual([]);

    // The authority is back: the next successful call queues reconciliation (no cron involved).
    chittyos.fake.set("chittyid", "up");
    const healthy = (await createContext(env)).body;
    expect(healthy.idProvisional).toBe(false);
    expect(queue.sent).toContainEqual({ type: "reconcile" });

    const ops = [...queue.sent];
    const result = await consumeContextOps(env, ops);
    expect(result.explicitAcks).toHaveLength(ops.length);
    // Records held back for naming a provisional id may go now: reconciliation queued the outbox.
    expect(queue.sent.slice(ops.length)).toContainEqual({ type: "drain-outbox" });
    const [alias] = await db.select().from(chittyIds).where(eq(chittyIds.id, provisional.id));
    expect(alias).toMatchObject({ source: "provisional" });
    const authoritative = alias!.replacedBy!;
    expect(chittyos.fake.minted.has(authoritative)).toBe(true);

    const [row] = await db.select().from(contexts).where(eq(contexts.id, authoritative));
    expect(row).toMatchObject({ name: provisional.name, idProvisional: false, version: 2, description: "before reconciliation" });
    expect(await db.select().from(contexts).where(eq(contexts.id, provisional.id))).toEqual([]);

    // The provisional id is an alias: REST and GraphQL answer with the authoritative id.
    const rest = await callWith(env, `/v1/contexts/${provisional.id}`);
    expect(rest.status).toBe(200);
    expect(await rest.json()).toMatchObject({ id: authoritative, idProvisional: false });
    const graph = await gqlWith(env, `query($id: ID!) { context(id: $id) { id idProvisional dna { sequence } } node(id: $id) { id } }`, { id: provisional.id });
    expect(graph.errors).toBeUndefined();
    expect(graph.data).toEqual({ context: { id: authoritative, idProvisional: false, dna: [{ sequence: 1 }, { sequence: 2 }] }, node: { id: authoritative } });
    // Updates through the old id reach the same context.
    const later = await callWith(env, `/v1/contexts/${provisional.id}`, { method: "PATCH", body: JSON.stringify({ version: 2, description: "after" }) });
    expect(await later.json()).toMatchObject({ id: authoritative, version: 3 });
  });
});
