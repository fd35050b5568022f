import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../src/index";
import { claimDelivery } from "../../../src/resolvers/delivery";
import { payloadKey } from "../../../src/webhooks/enqueue-delivery";
import { db } from "../../fixtures/db";
import { traceOf } from "../../fixtures/github/stored";

const bindings = env as Env;
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

async function claimed(event = "push") {
  const deliveryId = crypto.randomUUID();
  await claimDelivery(db, { deliveryId, event, action: null, installationId: null, repository: null, status: "queued", payloadRef: null });
  return deliveryId;
}

async function consume(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(queue, bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings);
  return getQueueResult(batch, ctx);
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("EVENT_Q consumer", () => {
  it("loads inline and referenced payloads, acknowledges them and marks their deliveries received", async () => {
    const inline = await claimed();
    const referenced = await claimed();
    await bindings.CHITTYCONNECT_KV.put(payloadKey(referenced), JSON.stringify({ ref: "ok" }));
    const result = await consume("chittyconnect-events", [
      { kind: "github.delivery", deliveryId: inline, event: "push", payload: bytes('{"ref":"refs/heads/main"}') },
      { kind: "github.delivery", deliveryId: referenced, event: "push", payloadRef: payloadKey(referenced) },
    ]);
    expect(result).toMatchObject({ outcome: "ok", explicitAcks: ["m0", "m1"], retryMessages: [] });
    for (const id of [inline, referenced]) expect((await traceOf(id)).rows[0]).toMatchObject({ status: "received", attempts: 1 });
  });

  it("retries, never acknowledges, a message it cannot read", async () => {
    const missing = await claimed();
    const result = await consume("chittyconnect-events", [
      { kind: "github.delivery", deliveryId: missing, event: "push", payloadRef: payloadKey(missing) },
      { kind: "github.delivery", deliveryId: await claimed(), event: "push", payload: bytes("{truncated") },
      { kind: "something.else" },
      { kind: "github.delivery", deliveryId: "x", event: "push", payload: bytes("{}"), payloadRef: "both" },
    ]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["m0", "m1", "m2", "m3"]);
    expect((await traceOf(missing)).rows[0]).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("retries the batches of a queue that has no consumer", async () => {
    const result = await consume("chittyconnect-context-ops", [{ op: "anything" }]);
    expect(result).toMatchObject({ retryBatch: { retry: true }, explicitAcks: [] });
  });
});
