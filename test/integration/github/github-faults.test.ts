import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { chronicleEvents } from "../../../src/db/schema";
import { tokenCacheKey } from "../../../src/github/installation-token";
import { FakeGitHub, installationResource, type Fault } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { processedPayload } from "../../fixtures/github/events";
import { traceOf } from "../../fixtures/github/stored";
import { consume } from "../../fixtures/queue/consume";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  for (const method of ["log", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A claimed pull_request delivery for an installation the fake GitHub knows, and its queue message. */
async function pullRequestDelivery() {
  const installationId = 10_000_000 + Math.floor(Math.random() * 89_999_999);
  github.installations.set(installationId, installationResource(installationId));
  const payload = processedPayload("pull_request", "opened", installationId);
  const deliveryId = crypto.randomUUID();
  const message = { kind: "github.delivery", deliveryId, event: "pull_request", action: "opened", installationId, payload: new TextEncoder().encode(JSON.stringify(payload)) };
  return { deliveryId, installationId, message };
}

const eventsOf = async (deliveryId: string) => (await db.select().from(chronicleEvents)).filter((e) => e.data.deliveryId === deliveryId);

/** Delivers a message, expecting it to be retried within [min, max] seconds, then delivers it again and expects it processed once. */
async function expectRetriedThenProcessed(faults: Fault[], delay: [number, number]) {
  const { deliveryId, message } = await pullRequestDelivery();
  github.fail("POST /graphql", ...faults);

  const first = await consume("chittyconnect-events", [message], 1);
  expect(first.explicitAcks).toEqual([]);
  expect(first.retried).toHaveLength(1);
  expect(first.retried[0]!.delaySeconds).toBeGreaterThanOrEqual(delay[0]);
  expect(first.retried[0]!.delaySeconds).toBeLessThanOrEqual(delay[1]);
  expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "failed", attempts: 1, lastError: expect.any(String) });
  expect(await eventsOf(deliveryId)).toEqual([]);

  // The queue delivers it again after the delay; the second attempt succeeds.
  const second = await consume("chittyconnect-events", [message], 2);
  expect(second).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
  expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed", attempts: 2 });
  expect(await eventsOf(deliveryId)).toHaveLength(1);

  // A duplicate delivery of the same message (queues are at-least-once) changes nothing.
  const third = await consume("chittyconnect-events", [message], 1);
  expect(third.explicitAcks).toEqual(["m0"]);
  expect(await eventsOf(deliveryId)).toHaveLength(1);
  return deliveryId;
}

describe("GitHub faults while processing a delivery", () => {
  it("retries a 502 once inside the invocation, then through the queue with backoff, and processes it once", async () => {
    await expectRetriedThenProcessed([{ status: 502 }, { status: 502 }], [3, 5]);
    // Two 502s and the successful read: the first retry happened in the invocation, the second through the queue.
    expect(github.graphqlCalls()).toHaveLength(3);
  });

  it("waits as long as a 429's retry-after asks", async () => {
    await expectRetriedThenProcessed([{ status: 429, headers: { "retry-after": "30" }, body: { message: "Too many requests" } }], [30, 35]);
    expect(github.graphqlCalls()).toHaveLength(2);
  });

  it("waits at least a minute after a secondary rate limit that names no wait", async () => {
    const body = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };
    await expectRetriedThenProcessed([{ status: 403, body }], [60, 65]);
  });

  it("waits until x-ratelimit-reset when the primary budget is spent", async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) };
    await expectRetriedThenProcessed([{ status: 403, headers, body: { message: "API rate limit exceeded" } }], [118, 126]);
  });

  it("drops an installation token GitHub refuses, refreshes it once and succeeds in the same invocation", async () => {
    const { deliveryId, installationId, message } = await pullRequestDelivery();
    // A token cached earlier that GitHub has since expired or revoked.
    await bindings.TOKEN_KV.put(tokenCacheKey(installationId), JSON.stringify({ token: "expired-token", expiresAt: Date.now() + 3600_000 }));

    const result = await consume("chittyconnect-events", [message]);
    expect(result).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
    expect(github.graphqlCalls().map((c) => c.authorization)).toEqual(["token expired-token", expect.stringMatching(/^token v1\./)]);
    expect(github.calls.filter((c) => c.path === `/app/installations/${installationId}/access_tokens`)).toHaveLength(1);
    const cached = (await bindings.TOKEN_KV.get(tokenCacheKey(installationId), "json")) as { token: string };
    expect(cached.token).not.toBe("expired-token");
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "processed", attempts: 1 });
    expect(await eventsOf(deliveryId)).toHaveLength(1);
  });

  it("refreshes only once: a fresh token refused too is a credentials problem, dead-lettered for replay after the fix", async () => {
    const dlq = vi.spyOn(bindings.EVENT_DLQ, "send").mockResolvedValue(undefined as never);
    const { deliveryId, message } = await pullRequestDelivery();
    github.fail("POST /graphql", { status: 401, body: { message: "Bad credentials" } }, { status: 401, body: { message: "Bad credentials" } });
    const result = await consume("chittyconnect-events", [message]);
    expect(result).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
    expect(dlq).toHaveBeenCalledWith(expect.objectContaining({ deliveryId }), { contentType: "v8" });
    expect(github.graphqlCalls()).toHaveLength(2);
    expect((await traceOf(deliveryId)).rows[0]).toMatchObject({ status: "failed", lastError: expect.stringContaining("GITHUB_AUTH_FAILED") });
  });

  it("stops spending a GraphQL budget that GitHub reports low, until its reset", async () => {
    github.graphqlRemaining = 40;
    const first = await pullRequestDelivery();
    expect((await consume("chittyconnect-events", [first.message])).explicitAcks).toEqual(["m0"]);
    const second = await pullRequestDelivery();
    github.installations.set(first.installationId, installationResource(first.installationId));
    const sameInstallation = { ...second.message, installationId: first.installationId, payload: new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(second.message.payload)), installation: { id: first.installationId } })) };
    const result = await consume("chittyconnect-events", [sameInstallation]);
    expect(result.retried).toEqual([{ msgId: "m0", delaySeconds: expect.any(Number) }]);
    expect(result.retried[0]!.delaySeconds).toBeGreaterThan(3000);
    expect(github.graphqlCalls()).toHaveLength(1);
  });
});
