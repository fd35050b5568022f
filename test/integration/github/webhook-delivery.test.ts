import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { deliveryMessage } from "../../../src/queue/messages";
import { INLINE_PAYLOAD_BYTES } from "../../../src/webhooks/enqueue-delivery";
import { HANDLED, examplePayload, largePushPayload } from "../../fixtures/github/payloads";
import { deliver } from "../../fixtures/github/sign";
import { traceOf } from "../../fixtures/github/stored";
import { consume } from "../../fixtures/queue/consume";

const bindings = env as Env;
afterEach(() => vi.restoreAllMocks());

/** What the Worker put on EVENT_Q during the test. */
function spyOnEventQueue() {
  const send = vi.spyOn(bindings.EVENT_Q, "send");
  return { send, messages: () => send.mock.calls.map(([body]) => deliveryMessage.parse(body)) };
}

describe("POST /integrations/github/webhook accepts a verified delivery once", () => {
  it.each(HANDLED)("claims and enqueues a signed $event delivery, then answers 202", async ({ event, action }) => {
    const queue = spyOnEventQueue();
    const payload = examplePayload(event, action);
    const body = JSON.stringify(payload);
    const deliveryId = crypto.randomUUID();

    const response = await deliver({ event, body, deliveryId });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ deliveryId, status: "queued" });

    const [message, ...others] = queue.messages();
    expect(others).toEqual([]);
    const expected = { kind: "github.delivery", deliveryId, event, action: payload.action, installationId: payload.installation?.id };
    expect(message).toMatchObject(JSON.parse(JSON.stringify(expected)));
    if (!payload.action) expect(message).not.toHaveProperty("action");
    expect(new TextDecoder().decode("payload" in message! ? message.payload : undefined)).toBe(body);
    const { rows } = await traceOf(deliveryId);
    expect(rows).toEqual([
      expect.objectContaining({ deliveryId, event, action: payload.action ?? null, status: "queued", payloadRef: null, repository: payload.repository?.full_name ?? null }),
    ]);
  });

  it("turns 20 concurrent copies of one delivery into exactly one queue message, and a later redelivery into none", async () => {
    const queue = spyOnEventQueue();
    const body = JSON.stringify(examplePayload("pull_request", "opened"));
    const deliveryId = crypto.randomUUID();

    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver({ event: "pull_request", body, deliveryId })));
    const statuses = await Promise.all(responses.map(async (r) => `${r.status} ${((await r.json()) as { status: string }).status}`));
    expect(statuses.filter((s) => s === "202 queued")).toHaveLength(1);
    expect(statuses.filter((s) => s === "200 duplicate")).toHaveLength(19);
    expect(queue.messages().map((m) => m.deliveryId)).toEqual([deliveryId]);
    expect((await traceOf(deliveryId)).rows).toHaveLength(1);

    // The consumer sets the KV pre-check when it takes the delivery; from then on a redelivery skips D1.
    await consume("chittyconnect-events", queue.messages());
    expect((await traceOf(deliveryId)).seenMarker).toBe("1");
    const prepare = vi.spyOn(bindings.DB, "prepare");
    const redelivery = await deliver({ event: "pull_request", body, deliveryId });
    expect(redelivery.status).toBe(200);
    expect(await redelivery.json()).toEqual({ deliveryId, status: "duplicate" });
    expect(prepare).not.toHaveBeenCalled();
    expect(queue.send).toHaveBeenCalledTimes(1);
  });

  it("relies on the D1 claim, not the KV pre-check, when KV has no marker (not yet consumed, or forgotten)", async () => {
    const queue = spyOnEventQueue();
    const body = JSON.stringify(examplePayload("issues", "opened"));
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "issues", body, deliveryId })).status).toBe(202);
    expect((await traceOf(deliveryId)).seenMarker).toBeNull();

    const redelivery = await deliver({ event: "issues", body, deliveryId });
    expect(await redelivery.json()).toEqual({ deliveryId, status: "duplicate" });
    expect(queue.send).toHaveBeenCalledTimes(1);
  });

  it("sends a push payload over 128 KB through the queue by reference, and the consumer loads it", async () => {
    const queue = spyOnEventQueue();
    const body = JSON.stringify(largePushPayload(200 * 1024));
    expect(body.length).toBeGreaterThan(128 * 1024);
    const deliveryId = crypto.randomUUID();

    expect((await deliver({ event: "push", body, deliveryId })).status).toBe(202);
    const [message] = queue.messages();
    expect(message).toMatchObject({ deliveryId, event: "push", payloadRef: `github-delivery-payload:${deliveryId}` });
    expect(message).not.toHaveProperty("payload");
    const trace = await traceOf(deliveryId);
    expect(trace.storedPayload).toBe(body);
    expect(trace.rows[0]).toMatchObject({ status: "queued", payloadRef: `github-delivery-payload:${deliveryId}` });

    // The real EVENT_Q consumer (src/index.ts queue handler) receives the message, reads the body from KV and processes it.
    await vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed", attempts: 1 }), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it("keeps a payload that fits inline in the message", async () => {
    const queue = spyOnEventQueue();
    const body = JSON.stringify(largePushPayload(INLINE_PAYLOAD_BYTES - 16 * 1024));
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(100_000);
    expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(INLINE_PAYLOAD_BYTES);
    const deliveryId = crypto.randomUUID();
    expect((await deliver({ event: "push", body, deliveryId })).status).toBe(202);
    expect(queue.messages()[0]).toHaveProperty("payload");
    await vi.waitFor(async () => expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed" }), { timeout: 10_000, interval: 100 });
  });
});

describe("POST /integrations/github/webhook for events it does not process", () => {
  it("answers a ping with 200 and enqueues nothing", async () => {
    const queue = spyOnEventQueue();
    const deliveryId = crypto.randomUUID();
    const response = await deliver({ event: "ping", body: JSON.stringify(examplePayload("ping")), deliveryId });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deliveryId, status: "ignored" });
    expect(queue.send).not.toHaveBeenCalled();
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ event: "ping", status: "ignored" })]);
  });

  it("records an unhandled event as ignored and answers 202", async () => {
    const queue = spyOnEventQueue();
    const deliveryId = crypto.randomUUID();
    const body = JSON.stringify({ action: "created", starred_at: "2026-04-01T00:00:00Z", repository: { full_name: "octo/repo" } });
    const response = await deliver({ event: "star", body, deliveryId });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ deliveryId, status: "ignored" });
    expect(queue.send).not.toHaveBeenCalled();
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ event: "star", action: "created", repository: "octo/repo", status: "ignored" })]);
  });
});

describe("POST /integrations/github/webhook when the queue fails", () => {
  it("releases the claim and answers 503, so that GitHub's redelivery is accepted", async () => {
    const send = vi.spyOn(bindings.EVENT_Q, "send").mockRejectedValueOnce(new Error("queue unavailable"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const body = JSON.stringify(largePushPayload(130 * 1024));
    const deliveryId = crypto.randomUUID();

    const failed = await deliver({ event: "push", body, deliveryId });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as any).error.code).toBe("ENQUEUE_FAILED");
    await vi.waitFor(async () => expect(await traceOf(deliveryId)).toEqual({ rows: [], seenMarker: null, storedPayload: null }));

    const redelivered = await deliver({ event: "push", body, deliveryId });
    expect(redelivered.status).toBe(202);
    expect(send).toHaveBeenCalledTimes(2);
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ status: "queued" })]);
  });
});
