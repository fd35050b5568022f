import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { chronicleEvents } from "../../../src/db/schema";
import { deliveryMessage } from "../../../src/deliveries/message";
import { INLINE_PAYLOAD_BYTES, payloadKey } from "../../../src/deliveries/payload-store";
import { db } from "../../fixtures/db";
import { fetchWithEnv } from "../../fixtures/github/browser";
import { processedPayload } from "../../fixtures/github/events";
import { HANDLED, examplePayload, largePushPayload } from "../../fixtures/github/payloads";
import { deliver, deliveryHeaders } from "../../fixtures/github/sign";
import { NO_TRACE, traceOf } from "../../fixtures/github/stored";

const bindings = env as Env;
afterEach(() => vi.restoreAllMocks());

/** What the Worker put on EVENT_Q during the test. */
function spyOnEventQueue() {
  const send = vi.spyOn(bindings.EVENT_Q, "send");
  return { send, messages: () => send.mock.calls.map(([body]) => deliveryMessage.parse(body)) };
}

/** A D1 binding that fails every call, to prove the ack never touches D1. */
function unreachableD1() {
  const calls: string[] = [];
  const fail = (what: string) => () => {
    calls.push(what);
    throw new Error(`D1 was called (${what}) on the ack path`);
  };
  return { binding: { prepare: fail("prepare"), batch: fail("batch"), exec: fail("exec"), dump: fail("dump") } as unknown as D1Database, calls };
}

const eventsOf = (deliveryId: string) =>
  db.select().from(chronicleEvents).where(sql`json_extract(${chronicleEvents.data}, '$.deliveryId') = ${deliveryId}`);

const processed = (deliveryId: string) =>
  vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed" }), { timeout: 15_000, interval: 100 });

describe("POST /integrations/github/webhook: verify, enqueue, answer", () => {
  it.each(HANDLED)("enqueues a signed $event delivery and answers 202 without touching D1", async ({ event, action }) => {
    const queue = spyOnEventQueue();
    const d1 = unreachableD1();
    const payload = examplePayload(event, action);
    const body = JSON.stringify(payload);
    const deliveryId = crypto.randomUUID();

    const response = await fetchWithEnv("/integrations/github/webhook", { DB: d1.binding }, { method: "POST", body, headers: await deliveryHeaders({ event, body, deliveryId }) });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ deliveryId, status: "queued" });
    expect(d1.calls).toEqual([]);

    const [message, ...others] = queue.messages();
    expect(others).toEqual([]);
    // Only what the headers say, and the signed bytes: the ack does not parse the body; the consumer reads action and installation from it.
    expect(message).toEqual({ kind: "github.delivery", deliveryId, event, payload: expect.any(Uint8Array) });
    expect(new TextDecoder().decode("payload" in message! ? message.payload : undefined)).toBe(body);
  });

  it("processes 20 concurrent copies of one delivery exactly once, and a later redelivery not at all", async () => {
    // issues needs no GitHub call, so only the pipeline is under test here.
    const body = JSON.stringify(processedPayload("issues", "opened"));
    const deliveryId = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver({ event: "issues", body, deliveryId })));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
    await processed(deliveryId);
    // Let the other 19 copies reach the consumer and be acknowledged as duplicates.
    await new Promise((r) => setTimeout(r, 1_500));
    const events = await eventsOf(deliveryId);
    expect(events.map((e) => e.type)).toEqual(["github.issues.opened"]);

    expect((await deliver({ event: "issues", body, deliveryId })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await eventsOf(deliveryId)).map((e) => e.type)).toEqual(["github.issues.opened"]);
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ status: "processed", leaseUntil: null })]);
  });

  it("sends a push over 128 KB by reference: stored before the send, loaded by the consumer, deleted once processed", async () => {
    const body = JSON.stringify(largePushPayload(200 * 1024));
    expect(body.length).toBeGreaterThan(128 * 1024);
    const deliveryId = crypto.randomUUID();
    // Observed at the send itself: the body must already be stored when the message leaves.
    const realSend = bindings.EVENT_Q.send.bind(bindings.EVENT_Q);
    const sent: unknown[] = [];
    let storedAtSend: string | null = null;
    vi.spyOn(bindings.EVENT_Q, "send").mockImplementation(async (message, options) => {
      sent.push(message);
      const object = await bindings.DELIVERY_PAYLOADS.get(payloadKey(deliveryId));
      storedAtSend = object ? await object.text() : null;
      return realSend(message, options);
    });

    expect((await deliver({ event: "push", body, deliveryId })).status).toBe(202);
    const [message] = sent.map((m) => deliveryMessage.parse(m));
    expect(message).toMatchObject({ deliveryId, event: "push", payloadRef: payloadKey(deliveryId) });
    expect(message).not.toHaveProperty("payload");
    expect(storedAtSend).toBe(body);

    await processed(deliveryId);
    expect(await traceOf(deliveryId)).toMatchObject({ storedPayload: null, rows: [expect.objectContaining({ payloadRef: null })] });
  });

  it("keeps a payload that fits inline in the message, and stores nothing", async () => {
    const queue = spyOnEventQueue();
    const body = JSON.stringify(largePushPayload(INLINE_PAYLOAD_BYTES - 16 * 1024));
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(100_000);
    expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(INLINE_PAYLOAD_BYTES);
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "push", body, deliveryId })).status).toBe(202);
    expect(queue.messages()[0]).toHaveProperty("payload");
    expect((await traceOf(deliveryId)).storedPayload).toBeNull();
    await processed(deliveryId);
  });

  it("takes a delivery with nothing to record once: a second copy of an ignored delivery is not claimed again", async () => {
    // pull_request with no action: no handler records it.
    const body = JSON.stringify({ zen: "Design for failure.", hook_id: 1 });
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "pull_request", body, deliveryId })).status).toBe(202);
    await vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "ignored" }), { timeout: 15_000, interval: 100 });
    expect((await deliver({ event: "pull_request", body, deliveryId })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ status: "ignored", attempts: 1, leaseUntil: null })]);
  });

  it("records the action and installation the consumer read from the payload", async () => {
    const body = JSON.stringify(processedPayload("issues", "opened"));
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "issues", body, deliveryId })).status).toBe(202);
    await processed(deliveryId);
    const payload = JSON.parse(body);
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ action: "opened", installationId: payload.installation.id, repository: payload.repository.full_name });
  });

  it("acknowledges a signed body that looks like an object but does not parse, and the consumer dead-letters it with the reason", async () => {
    const body = JSON.stringify(processedPayload("issues", "opened")).slice(0, -1);
    expect(body.endsWith("}")).toBe(true);
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "issues", body, deliveryId })).status).toBe(202);
    await vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "dead", lastError: expect.stringMatching(/SyntaxError.*JSON/) }), {
      timeout: 15_000,
      interval: 100,
    });
    const trace = await traceOf(deliveryId);
    expect(trace.rows[0]).toMatchObject({ attempts: 1, action: null });
    // Kept for an operator's replay once the sender is fixed, and never processed.
    expect(trace.storedPayload).toBe(body);
    expect(await eventsOf(deliveryId)).toEqual([]);
  });
});

describe("POST /integrations/github/webhook for events it does not process", () => {
  it("answers a ping with 200 and keeps nothing", async () => {
    const queue = spyOnEventQueue();
    const deliveryId = crypto.randomUUID();
    const response = await deliver({ event: "ping", body: JSON.stringify(examplePayload("ping")), deliveryId });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deliveryId, status: "ignored" });
    expect(queue.send).not.toHaveBeenCalled();
    expect(await traceOf(deliveryId)).toEqual(NO_TRACE);
  });

  it("answers 202 ignored to an event the App does not handle, and keeps nothing", async () => {
    const queue = spyOnEventQueue();
    const deliveryId = crypto.randomUUID();
    const body = JSON.stringify({ action: "created", starred_at: "2026-04-01T00:00:00Z", repository: { full_name: "octo/repo" } });
    const response = await deliver({ event: "star", body, deliveryId });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ deliveryId, status: "ignored" });
    expect(queue.send).not.toHaveBeenCalled();
    expect(await traceOf(deliveryId)).toEqual(NO_TRACE);
  });
});

describe("POST /integrations/github/webhook when the queue fails", () => {
  it.each([
    ["an inline body", 10 * 1024],
    ["a body stored by reference", 200 * 1024],
  ])("answers 503 for %s and leaves nothing stored, so GitHub's redelivery is processed", async (_name, size) => {
    const send = vi.spyOn(bindings.EVENT_Q, "send").mockRejectedValueOnce(new Error("queue unavailable"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const body = JSON.stringify(largePushPayload(size));
    const deliveryId = crypto.randomUUID();

    const failed = await deliver({ event: "push", body, deliveryId });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as any).error.code).toBe("ENQUEUE_FAILED");
    expect(await traceOf(deliveryId)).toEqual(NO_TRACE);

    expect((await deliver({ event: "push", body, deliveryId })).status).toBe(202);
    expect(send).toHaveBeenCalledTimes(2);
    await processed(deliveryId);
    const pushes = await db.select().from(chronicleEvents).where(and(eq(chronicleEvents.type, "github.push"), sql`json_extract(${chronicleEvents.data}, '$.deliveryId') = ${deliveryId}`));
    expect(pushes).toHaveLength(1);
  });
});
