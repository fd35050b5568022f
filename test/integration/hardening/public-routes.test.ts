import { and, eq, gte } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ANONYMOUS_SUBJECT } from "../../../src/auth/audit";
import { authFailureMinutes, chronicleEvents } from "../../../src/db/schema";
import { call, errorOf } from "../../helpers";
import { db } from "../../fixtures/db";
import { fetchWithEnv } from "../../fixtures/github/browser";
import { deliveryHeaders } from "../../fixtures/github/sign";

afterEach(() => vi.restoreAllMocks());

/** A rate-limit binding that counts its calls per key and refuses once a key passed `limit`. */
function countingLimiter(limit: number) {
  const calls = new Map<string, number>();
  const binding = {
    limit: async ({ key }: { key: string }) => {
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return { success: calls.get(key)! <= limit };
    },
  } as unknown as RateLimit;
  return { binding, calls };
}

describe("finding 6: public routes cannot be driven at will", () => {
  it("counts unauthenticated failures per minute with a few truncated samples, instead of a Chronicle row each", async () => {
    const since = Math.floor(Date.now() / 60_000) * 60_000;
    const anonymousBefore = (await db.select().from(chronicleEvents).where(eq(chronicleEvents.subjectId, ANONYMOUS_SUBJECT))).length;
    const longPath = `/v1/contexts/${"x".repeat(8_000)}`;
    const reason = "unknown-credential";
    const countBefore = (await db.select().from(authFailureMinutes).where(and(eq(authFailureMinutes.reason, reason), gte(authFailureMinutes.minute, since)))).reduce((n, r) => n + r.count, 0);
    for (let i = 0; i < 30; i++) {
      const response = await call(longPath, { key: "not-a-real-credential" });
      expect(response.status).toBe(401);
      await response.arrayBuffer();
    }
    // The tally is written after the response; give the last writes a moment to land.
    let rows: (typeof authFailureMinutes.$inferSelect)[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      rows = await db.select().from(authFailureMinutes).where(and(eq(authFailureMinutes.reason, reason), gte(authFailureMinutes.minute, since)));
      if (rows.reduce((n, r) => n + r.count, 0) - countBefore >= 30) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.reduce((n, r) => n + r.count, 0) - countBefore).toBe(30);
    expect(rows.length).toBeLessThanOrEqual(2); // one per minute: at most two if the test straddled a minute
    for (const row of rows) {
      expect(row.samples.length).toBeLessThanOrEqual(5);
      for (const sample of row.samples) expect(sample.path.length).toBeLessThanOrEqual(201);
    }
    const anonymousAfter = (await db.select().from(chronicleEvents).where(eq(chronicleEvents.subjectId, ANONYMOUS_SUBJECT))).length;
    expect(anonymousAfter).toBe(anonymousBefore);
  });

  it("charges public routes and failed credentials to the caller's address, and answers 429 past its budget", async () => {
    const { binding, calls } = countingLimiter(3);
    const headers = { "cf-connecting-ip": "203.0.113.7" };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetchWithEnv("/health", { IP_RATE_LIMITER: binding }, { headers })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(calls.get("203.0.113.7")).toBe(5);

    const bad = await fetchWithEnv("/v1/actors/me", { IP_RATE_LIMITER: binding }, { headers: { ...headers, authorization: "Bearer nope" } });
    expect(await errorOf(bad)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    const webhook = await fetchWithEnv("/integrations/github/webhook", { IP_RATE_LIMITER: binding }, { method: "POST", headers, body: "{}" });
    expect(webhook.status).toBe(429);
    // An authenticated actor draws on its own budget, not its address's.
    const other = await fetchWithEnv("/v1/actors/me", { IP_RATE_LIMITER: binding }, { headers: { ...headers, authorization: "Bearer test-admin-key-0123456789abcdef" } });
    expect(other.status).toBe(200);
    expect(calls.get("203.0.113.7")).toBe(7);
  });

  it("charges a refused webhook request to the caller's address, and never a signed delivery", async () => {
    // GitHub sends every App's deliveries from the same few addresses: a stranger's hook pointed here must not spend
    // the budget that this App's signed deliveries arrive on.
    const { binding, calls } = countingLimiter(2);
    const address = { "cf-connecting-ip": "192.30.252.1" };
    const signed = async () => {
      const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
      return fetchWithEnv("/integrations/github/webhook", { IP_RATE_LIMITER: binding }, {
        method: "POST",
        body,
        headers: { ...(await deliveryHeaders({ event: "ping", body })), ...address },
      });
    };
    const unsigned = async (headers: Record<string, string>) => {
      const body = JSON.stringify({ zen: "forged" });
      const base = await deliveryHeaders({ event: "ping", body, secret: "not-our-secret" });
      return fetchWithEnv("/integrations/github/webhook", { IP_RATE_LIMITER: binding }, { method: "POST", body, headers: { ...base, ...address, ...headers } });
    };
    expect((await signed()).status).toBe(200);
    expect(calls.get("192.30.252.1")).toBeUndefined();
    const refusals = [await unsigned({}), await unsigned({ "content-type": "text/plain" }), await unsigned({})];
    expect(await Promise.all(refusals.map(async (r) => (await errorOf(r)).code))).toEqual(["INVALID_SIGNATURE", "UNSUPPORTED_MEDIA_TYPE", "RATE_LIMITED"]);
    expect(refusals[2]!.headers.get("retry-after")).toBe("60");
    expect(calls.get("192.30.252.1")).toBe(3);
    // Past the address's budget, a signed delivery from the same address is still accepted, and still not charged.
    for (let i = 0; i < 3; i++) expect((await signed()).status).toBe(200);
    expect(calls.get("192.30.252.1")).toBe(3);
  });

  it("refuses a malformed signature header before reading the body", async () => {
    const body = JSON.stringify({ zen: "x" });
    const base = await deliveryHeaders({ event: "push", body });
    let pulled = 0;
    const untouchable = () =>
      // highWaterMark 0: the stream pulls only when someone reads it, not to fill a queue up front.
      new ReadableStream(
        {
          pull(controller) {
            pulled++;
            controller.error(new Error("the body was read"));
          },
        },
        { highWaterMark: 0 },
      );
    for (const signature of ["sha256=", "sha256=zz", "sha1=0123", `sha256=${"A".repeat(64)}`, "md5"]) {
      // Straight into the router, in this isolate: nothing but the gateway itself can pull the stream.
      const response = await fetchWithEnv("/integrations/github/webhook", {}, {
        method: "POST",
        headers: { ...base, "x-hub-signature-256": signature },
        body: untouchable(),
      });
      expect(await errorOf(response), signature).toMatchObject({ status: 401, code: "INVALID_SIGNATURE" });
    }
    expect(pulled).toBe(0);
  });
});
