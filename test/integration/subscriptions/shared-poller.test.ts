import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { pollIntervalMs } from "../../../src/subscriptions/poll-interval";
import { LIMITS } from "../../../src/limits";
import { call, createContextViaRest } from "../../helpers";
import { registerActor } from "../../fixtures/credentials";
import { countD1 } from "../../fixtures/d1-counter";
import { subscribe } from "../../fixtures/sse";

const INTERVAL = pollIntervalMs(env as Env);
const ALL_EVENTS = `subscription($types: [String!]) { timeline(types: $types) { cursor event { type subjectId } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stream = Awaited<ReturnType<typeof subscribe>>;
let open: Stream[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

/** `count` streams of everyone's context.updated events, spread over enough administrators' budgets. */
async function openStreams(count: number): Promise<Stream[]> {
  const keys: string[] = [];
  for (let i = 0; i < Math.ceil(count / LIMITS.subscriptionsPerBudget); i++) keys.push((await registerActor(["actors:admin"])).apiKey);
  const streams = [];
  for (let i = 0; i < count; i++) streams.push(await subscribe(ALL_EVENTS, { types: ["context.updated"] }, keys[i % keys.length]));
  open.push(...streams);
  return streams;
}

/** Reads each stream until it delivers the update of `contextId`. */
async function everyStreamSees(streams: Stream[], contextId: string) {
  await Promise.all(
    streams.map(async (stream) => {
      for (;;) {
        const event = (await stream.next(10_000)).data.timeline.event;
        if (event.subjectId === contextId) return;
      }
    }),
  );
}

describe("one poller per isolate", () => {
  it("serves 50 streams with one D1 round trip per interval, and fans a mutation out to all of them", async () => {
    const streams = await openStreams(50);
    const context = await createContextViaRest({ name: `fan-out ${crypto.randomUUID()}` });
    await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "to all" }) });
    await everyStreamSees(streams, context.id);

    const d1 = countD1();
    try {
      const start = Date.now();
      await sleep(6 * INTERVAL);
      const elapsed = Date.now() - start;
      const trips = d1.since(start);
      // At most one cycle per started interval, plus one that may be in flight at the edges; nothing else runs.
      expect(trips.length).toBeGreaterThanOrEqual(Math.floor(elapsed / INTERVAL) - 1);
      expect(trips.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL) + 1);
      for (const trip of trips) {
        // Each round trip is one batch: the credentials of 50 streams (5 keys) in one statement, and at most the events read and the lease renewal.
        expect(trip.sql.length).toBeLessThanOrEqual(3);
        expect(trip.sql.filter((sql) => sql.includes('"api_keys"'))).toHaveLength(1);
      }
    } finally {
      d1.restore();
    }
  });

  it("stops querying D1 once the last stream has left", async () => {
    const streams = await openStreams(3);
    const context = await createContextViaRest({ name: `leave ${crypto.randomUUID()}` });
    await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "seen" }) });
    await everyStreamSees(streams, context.id);
    const d1 = countD1();
    try {
      const before = Date.now();
      await sleep(2 * INTERVAL);
      expect(d1.roundTrips(before), "the streams poll while open").toBeGreaterThan(0);
      await Promise.all(open.splice(0).map((s) => s.close()));
      // Leaving gives each lease back (one DELETE each); after that, silence.
      await sleep(INTERVAL);
      const quiet = Date.now();
      await sleep(4 * INTERVAL);
      expect(d1.since(quiet)).toEqual([]);
    } finally {
      d1.restore();
    }
  });
});
