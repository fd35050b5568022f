import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { chronicleEvents } from "../../../src/db/schema";
import { payloadKey, storePayload } from "../../../src/deliveries/payload-store";
import { db } from "../../fixtures/db";
import { processedPayload } from "../../fixtures/github/events";
import { traceOf } from "../../fixtures/github/stored";
import { consume } from "../../fixtures/queue/consume";

const bindings = env as Env;
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A delivery the queue hands over for the first time: the consumer creates its row. */
const fresh = () => crypto.randomUUID();

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const issue = (deliveryId: string, payload: unknown) => ({ kind: "github.delivery", deliveryId, event: "issues", action: "opened", payload: bytes(payload) });
const eventsOf = async (deliveryId: string) =>
  (await db.select().from(chronicleEvents)).filter((e) => e.data.deliveryId === deliveryId);

describe("EVENT_Q consumer", () => {
  it("processes inline and referenced payloads, acknowledges them and records how long they took", async () => {
    const inline = fresh();
    const referenced = fresh();
    await storePayload(bindings, referenced, bytes(processedPayload("issues", "opened")));
    const result = await consume("chittyconnect-events", [
      issue(inline, processedPayload("issues", "opened")),
      { kind: "github.delivery", deliveryId: referenced, event: "issues", action: "opened", payloadRef: payloadKey(referenced) },
    ]);
    expect(result).toMatchObject({ outcome: "ok", explicitAcks: ["m0", "m1"], retryMessages: [] });
    for (const id of [inline, referenced]) {
      expect((await traceOf(id)).rows[0]).toMatchObject({ status: "processed", attempts: 1, processingMs: expect.any(Number), repository: expect.any(String) });
      expect(await eventsOf(id)).toHaveLength(1);
    }
    // A stored body is not needed once its delivery is processed.
    expect((await traceOf(referenced)).storedPayload).toBeNull();
  });

  it("marks processed deliveries in IDEMP_KV so a redelivery skips D1, and still processes when KV refuses the mark", async () => {
    const marked = fresh();
    const payload = processedPayload("issues", "opened");
    await consume("chittyconnect-events", [issue(marked, payload)]);
    expect((await traceOf(marked)).seenMarker).toBe("1");
    // A redelivery of a processed delivery is acknowledged on the marker alone, without a D1 claim.
    const prepare = vi.spyOn(bindings.DB, "prepare");
    const batch = vi.spyOn(bindings.DB, "batch");
    expect(await consume("chittyconnect-events", [issue(marked, payload)])).toMatchObject({ explicitAcks: ["m0"] });
    expect(prepare).not.toHaveBeenCalled();
    expect(batch).not.toHaveBeenCalled();
    prepare.mockRestore();
    batch.mockRestore();

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(bindings.IDEMP_KV, "put").mockRejectedValue(new Error("KV PUT failed: 500 Internal Server Error"));
    const unmarked = fresh();
    const result = await consume("chittyconnect-events", [issue(unmarked, processedPayload("issues", "opened"))]);
    expect(result).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
    expect((await traceOf(unmarked)).rows[0]).toMatchObject({ status: "processed" });
    expect((await traceOf(unmarked)).seenMarker).toBeNull();
    expect(warn).toHaveBeenCalledWith("IDEMP_KV marker not written", expect.objectContaining({ deliveryId: unmarked }));
  });

  it("creates the delivery's row at its first claim, which is when operators first see it", async () => {
    const deliveryId = fresh();
    expect((await traceOf(deliveryId)).rows).toEqual([]);
    await consume("chittyconnect-events", [issue(deliveryId, processedPayload("issues", "opened"))]);
    expect((await traceOf(deliveryId)).rows).toEqual([expect.objectContaining({ event: "issues", action: "opened", status: "processed", attempts: 1, leaseUntil: null })]);
  });

  it("acknowledges a copy whose delivery another consumer is processing, without running it", async () => {
    const deliveryId = fresh();
    const body = issue(deliveryId, processedPayload("issues", "opened"));
    const { claimDelivery } = await import("../../../src/deliveries/delivery-record");
    expect((await claimDelivery(db, { kind: "github.delivery", deliveryId, event: "issues", action: "opened" })).outcome).toBe("claimed");
    const result = await consume("chittyconnect-events", [body]);
    expect(result).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
    expect(await eventsOf(deliveryId)).toHaveLength(0);
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "received", attempts: 1 });
  });

  it("acknowledges a delivery it has already processed without writing it twice", async () => {
    const deliveryId = fresh();
    const body = issue(deliveryId, processedPayload("issues", "opened"));
    await consume("chittyconnect-events", [body]);
    const again = await consume("chittyconnect-events", [body, body], 2);
    expect(again.explicitAcks).toEqual(["m0", "m1"]);
    expect(await eventsOf(deliveryId)).toHaveLength(1);
    // A processed delivery is not taken again, so its attempts stay as they were.
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed", attempts: 1 });
  });

  it("dead-letters at once, and acknowledges, what no retry can fix: bad payloads and foreign messages", async () => {
    const dlq = vi.spyOn(bindings.EVENT_DLQ, "send").mockResolvedValue(undefined as never);
    const invalid = fresh();
    const truncated = fresh();
    const missing = fresh();
    const result = await consume("chittyconnect-events", [
      issue(invalid, { action: "opened", issue: { title: "no node id" } }),
      issue(truncated, "{truncated"),
      { kind: "github.delivery", deliveryId: missing, event: "issues", action: "opened", payloadRef: payloadKey(missing) },
      { kind: "something.else" },
    ]);
    expect(result.explicitAcks).toEqual(["m0", "m1", "m2", "m3"]);
    expect(dlq.mock.calls.map(([body]) => (body as { deliveryId?: string }).deliveryId)).toEqual([invalid, truncated, missing, undefined]);
    expect((await traceOf(invalid)).rows[0]).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("INVALID_PAYLOAD") });
    // The stored copy is what makes a later replay possible.
    expect((await traceOf(invalid)).storedPayload).toContain("no node id");
    // A stored body that is gone stays gone (R2 is strongly consistent): no retry can bring it back.
    expect((await traceOf(missing)).rows[0]).toMatchObject({ status: "failed", lastError: expect.stringContaining("PAYLOAD_MISSING") });
    expect(result.retried).toEqual([]);
  });

  it("retries, never acknowledges, when the dead-letter queue refuses a message", async () => {
    vi.spyOn(bindings.EVENT_DLQ, "send").mockRejectedValue(new Error("dlq down"));
    const result = await consume("chittyconnect-events", [{ kind: "something.else" }]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retried).toEqual([{ msgId: "m0", delaySeconds: expect.any(Number) }]);
  });

  it("records dead letters as dead, with their error, keeping the payload for replay", async () => {
    const deliveryId = fresh();
    await consume("chittyconnect-events", [issue(deliveryId, { action: "opened" })]);
    const result = await consume("chittyconnect-events-dlq", [issue(deliveryId, { action: "opened" }), { kind: "something.else" }]);
    expect(result.explicitAcks).toEqual(["m0", "m1"]);
    const { rows, storedPayload } = await traceOf(deliveryId);
    expect(rows[0]).toMatchObject({ status: "dead", lastError: expect.stringContaining("INVALID_PAYLOAD"), payloadRef: payloadKey(deliveryId) });
    expect(JSON.parse(storedPayload!)).toEqual({ action: "opened" });
  });

  it("records a message the queue gave up on as dead even when no attempt recorded an error", async () => {
    const deliveryId = crypto.randomUUID();
    await consume("chittyconnect-events-dlq", [issue(deliveryId, processedPayload("issues", "opened"))]);
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "dead", event: "issues", lastError: expect.stringMatching(/dead-letter/) });
  });

  it("retries the batches of a queue that has no consumer", async () => {
    const result = await consume("chittyconnect-nobody-consumes", [{ op: "anything" }]);
    expect(result).toMatchObject({ retryBatch: { retry: true }, explicitAcks: [] });
  });
});
