import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { payloadKey } from "../../../src/deliveries/payload-store";
import { FakeGitHub, installationResource } from "../../fakes/github";
import { registerActor } from "../../fixtures/credentials";
import { processedPayload } from "../../fixtures/github/events";
import { deliver } from "../../fixtures/github/sign";
import { call, errorOf, gql } from "../../helpers";

afterEach(() => vi.restoreAllMocks());
const WAIT = { timeout: 20_000, interval: 100 };

async function deliveryOf(id: string) {
  const result = await gql(`{ deliveries(event: "pull_request", first: 100) { edges { node { id status attempts lastError payloadByReference processingMs } } } }`);
  return result.data!.deliveries.edges.map((e: any) => e.node).find((d: any) => d.id === id);
}

async function metrics(since: string) {
  const result = await gql(`query($since: DateTime) { deliveryMetrics(since: $since) { counts { processed failed dead queued } retries p95ProcessingMs } }`, { since });
  expect(result.errors).toBeUndefined();
  return result.data!.deliveryMetrics;
}

/** A pull_request delivery GitHub refuses to describe until the App's permission is fixed: the poison message. */
async function poisonedDelivery(github: FakeGitHub) {
  const installationId = 10_000_000 + Math.floor(Math.random() * 89_999_999);
  github.installations.set(installationId, installationResource(installationId));
  github.fail("POST /graphql", { status: 200, body: { errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] } });
  const deliveryId = crypto.randomUUID();
  const payload = processedPayload("pull_request", "opened", installationId);
  expect((await deliver({ event: "pull_request", body: JSON.stringify(payload), deliveryId })).status).toBe(202);
  await vi.waitFor(async () => expect(await deliveryOf(deliveryId)).toMatchObject({ status: "dead" }), WAIT);
  return deliveryId;
}

describe("dead letters and replay, through the Worker", () => {
  it("sends a poison delivery to the dead-letter state, replays it once fixed, and counts all of it", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const before = await metrics(since);
    const github = new FakeGitHub().install();
    const deliveryId = await poisonedDelivery(github);

    const dead = await deliveryOf(deliveryId);
    expect(dead).toMatchObject({ attempts: 1, lastError: expect.stringContaining("Resource not accessible by integration"), payloadByReference: true });
    const afterDeath = await metrics(since);
    expect(afterDeath.counts.dead).toBeGreaterThanOrEqual(before.counts.dead + 1);

    // The fault is gone (the permission was granted); the operator replays.
    const replayed = await gql(`mutation($id: ID!) { replayDelivery(id: $id) { id status } }`, { id: deliveryId });
    expect(replayed.data).toEqual({ replayDelivery: { id: deliveryId, status: "queued" } });
    await vi.waitFor(async () => expect(await deliveryOf(deliveryId)).toMatchObject({ status: "processed", attempts: 2 }), WAIT);
    // The body kept for the replay is gone once the delivery is processed.
    expect(await deliveryOf(deliveryId)).toMatchObject({ payloadByReference: false });
    expect(await env.DELIVERY_PAYLOADS.get(payloadKey(deliveryId))).toBeNull();

    const timeline = await gql(`{ timeline(type: "github.pull_request.opened", first: 100) { edges { node { data } } } }`);
    expect(timeline.data!.timeline.edges.filter((e: any) => e.node.data.deliveryId === deliveryId)).toHaveLength(1);
    const afterReplay = await metrics(since);
    expect(afterReplay.counts.processed).toBeGreaterThanOrEqual(afterDeath.counts.processed + 1);
    expect(afterReplay.retries).toBeGreaterThanOrEqual(afterDeath.retries + 1);
    expect(afterReplay.p95ProcessingMs).toEqual(expect.any(Number));

    const again = await gql(`mutation($id: ID!) { replayDelivery(id: $id) { id } }`, { id: deliveryId });
    expect(again.errors![0]!.extensions!.code).toBe("DELIVERY_NOT_REPLAYABLE");
  });

  it("replays through REST too, and refuses what it cannot replay", async () => {
    const github = new FakeGitHub().install();
    const deliveryId = await poisonedDelivery(github);
    const response = await call(`/v1/deliveries/${deliveryId}/replay`, { method: "POST", body: "{}" });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id: deliveryId, status: "queued", attempts: 1 });
    await vi.waitFor(async () => expect(await deliveryOf(deliveryId)).toMatchObject({ status: "processed" }), WAIT);

    expect(await errorOf(await call(`/v1/deliveries/${deliveryId}/replay`, { method: "POST", body: "{}" }))).toMatchObject({ status: 409, code: "DELIVERY_NOT_REPLAYABLE" });
    expect(await errorOf(await call(`/v1/deliveries/${crypto.randomUUID()}/replay`, { method: "POST", body: "{}" }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect((await call(`/v1/deliveries/not%20a%20guid!/replay`, { method: "POST", body: "{}" })).status).toBe(422);
    expect((await call(`/v1/deliveries/${deliveryId}/replay`, { method: "POST" })).status).toBe(415);
    const bad = await gql(`mutation { replayDelivery(id: "../etc") { id } }`);
    expect(bad.errors![0]!.extensions!.code).toBe("INVALID_INPUT");
  });

  it("lets only github:admin replay or read metrics", async () => {
    const reader = await registerActor(["contexts:read"]);
    const operator = await registerActor(["github:admin"]);
    expect((await call(`/v1/deliveries/${crypto.randomUUID()}/replay`, { method: "POST", body: "{}", key: reader.apiKey })).status).toBe(403);
    expect((await call("/v1/deliveries/metrics", { key: reader.apiKey })).status).toBe(403);
    expect((await gql(`{ deliveryMetrics { retries } }`, {}, { key: reader.apiKey })).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    const allowed = await call("/v1/deliveries/metrics", { key: operator.apiKey });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ counts: { processed: expect.any(Number), dead: expect.any(Number) }, retries: expect.any(Number) });
    expect((await call(`/v1/deliveries/${crypto.randomUUID()}/replay`, { method: "POST", body: "{}", key: operator.apiKey })).status).toBe(404);
  });
});
