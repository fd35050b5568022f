import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../src/auth/actor";
import { effectiveCapabilities } from "../../../src/auth/capabilities";
import { apiKeys, chronicleEvents, type ChronicleEventRow } from "../../../src/db/schema";
import { chronicleSource } from "../../../src/subscriptions/chronicle-source";
import { ORIGIN, type FeedSource } from "../../../src/subscriptions/feed-source";
import { openFeed } from "../../../src/subscriptions/follow-feed";
import { IsolatePoller, type Subscriber } from "../../../src/subscriptions/isolate-poller";
import { idleDelayMs, MAX_IDLE_FACTOR } from "../../../src/subscriptions/poll-interval";
import { resumableSseResponse } from "../../../src/subscriptions/resumable-sse";
import { openStreamChannel } from "../../../src/subscriptions/stream-channel";
import { registerActor } from "../../fixtures/credentials";
import { countD1 } from "../../fixtures/d1-counter";
import { db } from "../../fixtures/db";
import { requestContext } from "../../fixtures/request-context";

/** Chronicle rows of one subject only, so other test files' writes do not count as activity here. */
function quietSource(subjectId: string): FeedSource<ChronicleEventRow> {
  return { ...chronicleSource, name: `chronicle of ${subjectId}`, after: (d, after, limit, options = {}) => chronicleSource.after(d, after, limit, { ...options, where: [eq(chronicleEvents.subjectId, subjectId)] }) };
}

function subscriber(source: FeedSource<ChronicleEventRow>, actor: Actor, credential: Subscriber["credential"], position = ORIGIN): Subscriber {
  return { source: source as Subscriber["source"], actor, credential, leaseId: crypto.randomUUID(), position, seenCycle: 0 };
}

async function keyHolder(): Promise<{ actor: Actor; credential: Subscriber["credential"] }> {
  const registered = await registerActor(["contexts:read"]);
  const [key] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.actorId, registered.id));
  const actor: Actor = { id: registered.id, type: "service", capabilities: effectiveCapabilities(["contexts:read"], null), credential: "api-key", keyId: key!.id, budgetOwnerId: registered.id };
  return { actor, credential: { kind: "api-key", keyId: key!.id } };
}

const chronicleReads = (trips: { sql: string[] }[]) => trips.filter((t) => t.sql.some((sql) => sql.includes('from "chronicle_events"'))).length;

describe("poll cadence", () => {
  it("waits one interval between reads while events flow, then one more per five empty reads, up to five", () => {
    expect([0, 4, 5, 9, 10, 19, 20, 1_000].map((empty) => idleDelayMs(1_000, empty) / 1_000)).toEqual([1, 1, 2, 2, 3, 4, 5, MAX_IDLE_FACTOR]);
  });

  it("backs off its reads while idle, still checks credentials every cycle, and snaps back when a stream joins", async () => {
    const poller = new IsolatePoller(100);
    const source = quietSource(`quiet ${crypto.randomUUID()}`);
    const holder = await keyHolder();
    const sub = subscriber(source, holder.actor, holder.credential);
    poller.join(sub);
    const d1 = countD1();
    try {
      const cycle = async (s: Subscriber) => {
        await poller.awaitCycle(s, db, undefined, Date.now() + 60_000);
        poller.take(s);
      };
      for (let i = 0; i < 60; i++) await cycle(sub);
      const trips = d1.since();
      expect(trips.filter((t) => t.sql.some((sql) => sql.includes('"api_keys"'))), "every cycle checks the credential").toHaveLength(60);
      // Five reads at 1x, five at 2x, five at 3x, five at 4x, then every fifth cycle: about 22 of 60.
      const reads = chronicleReads(trips);
      expect(reads).toBeGreaterThanOrEqual(18);
      expect(reads).toBeLessThanOrEqual(26);
      // A new stream is activity: within an interval, reads come every cycle again.
      const joined = subscriber(source, holder.actor, holder.credential, sub.position);
      poller.join(joined);
      const before = d1.roundTrips();
      for (let i = 0; i < 4; i++) await cycle(sub);
      expect(chronicleReads(d1.since().slice(before))).toBeGreaterThanOrEqual(3);
      poller.leave(joined);
    } finally {
      d1.restore();
      poller.leave(sub);
    }
  }, 60_000);

  it("wakes a waiting stream at once when its client leaves", async () => {
    const poller = new IsolatePoller(60_000);
    const sub = subscriber(chronicleSource, requestContext().actor, { kind: "admin-key" }, await chronicleSource.newest(db));
    poller.join(sub);
    const controller = new AbortController();
    const waiting = poller.awaitCycle(sub, db, controller.signal, Date.now() + 120_000);
    controller.abort();
    // The first cycle is a minute away; the wait ends because of the abort (the test would time out otherwise).
    await expect(waiting).resolves.toBe(false);
    poller.leave(sub);
  });
});

describe("stream lifetime", () => {
  it("ends the stream cleanly at its lifetime and tells the SSE writer where it stopped", async () => {
    const request = new Request("https://connect.test/graphql");
    const channel = openStreamChannel(request);
    const ctx = Object.assign(requestContext(), { request });
    const [newest] = await db.select({ seq: chronicleEvents.seq }).from(chronicleEvents).orderBy(chronicleEvents.seq).limit(1);
    const feed = await openFeed(ctx, chronicleSource, { match: () => false, where: [] }, [newest?.seq ?? 0, ""], { lifetimeMs: 1_500 });
    const results = (async function* () {
      for await (const item of feed) yield { data: { cursor: item.cursor } };
    })();
    const text = await resumableSseResponse(results, channel).text();
    expect(channel.position).toBeDefined();
    // Nothing matched, yet the position moved past everything the stream looked at.
    expect(chronicleSource.decode(channel.position!)[0]).toBeGreaterThanOrEqual(newest?.seq ?? 0);
    expect(text).toMatch(new RegExp(`event: complete\\nid: ${channel.position}\\ndata:\\n\\n$`));
  });
});
