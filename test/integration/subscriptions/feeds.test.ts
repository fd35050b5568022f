import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { deliveryMessage } from "../../../src/deliveries/message";
import { call, createContextViaRest, gql } from "../../helpers";
import { connectViaRest, setInstallationState, storedInstallationRow } from "../../fixtures/connections";
import { registerActor } from "../../fixtures/credentials";
import { examplePayload } from "../../fixtures/github/payloads";
import { deliver } from "../../fixtures/github/sign";
import { consume } from "../../fixtures/queue/consume";
import { subscribe } from "../../fixtures/sse";

afterEach(() => vi.restoreAllMocks());

const DELIVERIES = `subscription($status: DeliveryStatus, $after: String) { deliveries(status: $status, after: $after) { cursor delivery { id status event repository processingMs } } }`;

/** The next update of one delivery on a deliveries stream, skipping other tests' deliveries. */
async function nextFor(stream: Awaited<ReturnType<typeof subscribe>>, deliveryId: string) {
  for (;;) {
    const update = (await stream.next(10_000)).data.deliveries;
    if (update.delivery.id === deliveryId) return update;
  }
}

describe("Subscription.deliveries", () => {
  it("shows a webhook's delivery as received while its handler runs, then as processed", async () => {
    const stream = await subscribe(DELIVERIES, {});
    try {
      // This test consumes the message itself, so the real consumer must not get it first.
      const send = vi.spyOn((env as Env).EVENT_Q, "send").mockResolvedValue(undefined as never);
      // The issues handler queues a triage job while it runs; holding that send holds the delivery at `received`.
      let release!: () => void;
      const handlerMayFinish = new Promise<void>((resolve) => (release = resolve));
      vi.spyOn((env as Env).TRIAGE_Q, "sendBatch").mockImplementation(async () => {
        await handlerMayFinish;
        return undefined as never;
      });
      const payload = examplePayload("issues", "opened");
      // An installation no other test has touched, so the handler has one to queue triage for.
      payload.installation = { id: 7_000_000 + Math.floor(Math.random() * 1_000_000) };
      const deliveryId = crypto.randomUUID();
      expect((await deliver({ event: "issues", body: JSON.stringify(payload), deliveryId })).status).toBe(202);
      const consumed = consume("chittyconnect-events", send.mock.calls.map(([body]) => deliveryMessage.parse(body)));

      // The ack writes no row; the first the feed shows is the consumer's claim.
      const first = await nextFor(stream, deliveryId);
      expect(first.delivery).toMatchObject({ status: "received", event: "issues", processingMs: null });
      release();
      await consumed;
      const last = await nextFor(stream, deliveryId);
      expect(last.delivery).toMatchObject({ status: "processed", repository: payload.repository.full_name, processingMs: expect.any(Number) });
      expect(last.cursor).not.toBe(first.cursor);
    } finally {
      await stream.close();
    }
  });

  it("is for operators: FORBIDDEN without github:admin", async () => {
    const reader = await registerActor(["contexts:read"]);
    const stream = await subscribe(DELIVERIES, {}, reader.apiKey);
    expect((await stream.next()).errors[0].extensions.code).toBe("FORBIDDEN");
    await stream.close();
  });
});

describe("Subscription.connectionStatus", () => {
  it("streams a connection's health changes: degraded, recovered, disconnected", async () => {
    const installationId = await storedInstallationRow();
    const context = await createContextViaRest({ name: `health ${crypto.randomUUID()}` });
    const connection = await connectViaRest({ contextId: context.id, service: "github", config: { installationId } });
    const stream = await subscribe(`subscription($id: ID!) { connectionStatus(id: $id) { cursor connectionId status reason event { type } } }`, { id: connection.id });
    const check = () => gql(`query($id: ID!) { connectionHealth(id: $id) { healthy } }`, { id: connection.id });
    try {
      await setInstallationState(installationId, { suspendedAt: Date.now() });
      await check();
      const degraded = (await stream.next()).data.connectionStatus;
      expect(degraded).toMatchObject({ connectionId: connection.id, status: "degraded", reason: expect.stringContaining("suspended"), event: { type: "connection.degraded" } });
      await setInstallationState(installationId, { suspendedAt: null });
      await check();
      expect((await stream.next()).data.connectionStatus).toMatchObject({ status: "active", event: { type: "connection.recovered" } });
      // A check that changes nothing writes nothing, so nothing is streamed for it.
      await check();
      await call(`/v1/connections/${connection.id}`, { method: "DELETE" });
      expect((await stream.next()).data.connectionStatus).toMatchObject({ status: "disconnected", event: { type: "connection.disconnected" } });
    } finally {
      await stream.close();
    }
  });
});

describe("Query.changes", () => {
  it("pages a subject's changes oldest first, resumes from its cursor, and says when to ask again", async () => {
    const context = await createContextViaRest({ name: `changes ${crypto.randomUUID()}` });
    for (let version = 1; version <= 3; version++) {
      await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version}` }) });
    }
    const query = `query($id: String, $since: String, $types: [String!], $first: Int) { changes(subjectId: $id, since: $since, types: $types, first: $first) { events { type data } cursor hasMore pollAfterMs } }`;
    const first = (await gql(query, { id: context.id, first: 2 })).data!.changes;
    expect(first.events.map((e: { type: string }) => e.type)).toEqual(["context.created", "context.updated"]);
    expect(first).toMatchObject({ hasMore: true, pollAfterMs: 0 });
    const second = (await gql(query, { id: context.id, since: first.cursor, first: 10 })).data!.changes;
    expect(second.events.map((e: { data: { version: number } }) => e.data.version)).toEqual([3, 4]);
    expect(second.hasMore).toBe(false);
    expect(second.pollAfterMs).toBeGreaterThan(0);
    const idle = (await gql(query, { id: context.id, since: second.cursor })).data!.changes;
    expect(idle.events).toEqual([]);
    expect(idle.pollAfterMs).toBeGreaterThan(second.pollAfterMs);

    // A type filter skips what it does not want without losing what comes after.
    await call(`/v1/contexts/${context.id}`, { method: "DELETE" });
    const deleted = (await gql(query, { id: context.id, since: first.cursor, types: ["context.deleted"] })).data!.changes;
    expect(deleted.events.map((e: { type: string }) => e.type)).toEqual(["context.deleted"]);
    const after = (await gql(query, { id: context.id, since: deleted.cursor })).data!.changes;
    expect(after.events).toEqual([]);
  });

  it("refuses a cursor it did not issue", async () => {
    const result = await gql(`{ changes(since: "bogus") { cursor } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("INVALID_CURSOR");
  });
});
