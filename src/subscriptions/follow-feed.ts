import type { SQL } from "drizzle-orm";
import { credentialRefOf } from "../auth/credential-states";
import type { RequestContext } from "../context";
import { InvalidInputError, StreamEndedError, type StreamEnd } from "../errors";
import { compareKeys, type FeedKey, type FeedSource } from "./feed-source";
import { isolatePoller, type Subscriber } from "./isolate-poller";
import { pollIntervalMs } from "./poll-interval";
import { streamChannelOf } from "./stream-channel";
import { acquireSubscriptionLease } from "./subscription-lease";

/** Streams end after this long, so clients reconnect (with Last-Event-ID) and present their credential again. */
export const MAX_STREAM_MS = 15 * 60_000;
/** Rows a stream that is behind reads per query of its own. */
const CATCH_UP_BATCH = 100;
const MAX_CURSOR_LENGTH = 200;

export interface FeedItem<Row> {
  cursor: string;
  row: Row;
}

export interface FeedFilter<Row> {
  /** Whether a row of the shared read is for this stream. */
  match: (row: Row) => boolean;
  /** The same filter as SQL, for the stream's own reads while it is behind. */
  where: SQL[];
}

const ENDED: Record<StreamEnd, string> = {
  CREDENTIAL_EXPIRED: "the credential expired",
  ACTOR_INACTIVE: "its actor was suspended or revoked",
  CREDENTIAL_REVOKED: "the credential was revoked, or its actor suspended",
  CREDENTIAL_CHANGED: "what the credential may do changed",
};

/**
 * The cursor a stream resumes after: the request's Last-Event-ID (a reconnecting SSE client's last `id:`) wins
 * over the `after` argument, which is the one the client first subscribed with.
 */
export function resumeCursor<Row>(ctx: RequestContext, source: FeedSource<Row>, after: string | null | undefined): FeedKey | undefined {
  const cursor = streamChannelOf(ctx)?.lastEventId ?? after;
  if (!cursor) return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH) throw new InvalidInputError("The cursor is not valid; use a cursor this API returned", undefined, "INVALID_CURSOR", 400);
  return source.decode(cursor);
}

/**
 * Opens a stream of a source's rows after `after` (or from now), through the isolate's poller. The budget's
 * stream place is taken here, before the stream exists, so a refusal is an ordinary GraphQL error.
 * Authorization is the caller's: it runs before this, as its query's would.
 */
export async function openFeed<Row>(
  ctx: RequestContext,
  source: FeedSource<Row>,
  filter: FeedFilter<Row>,
  after: FeedKey | undefined,
  options: { lifetimeMs?: number } = {},
): Promise<AsyncGenerator<FeedItem<Row>>> {
  const start = after ?? (await source.newest(ctx.db));
  const lease = await acquireSubscriptionLease(ctx);
  const sub: Subscriber = {
    source: source as FeedSource<unknown>,
    actor: ctx.actor,
    credential: credentialRefOf(ctx.actor),
    leaseId: lease.id,
    position: start,
    seenCycle: 0,
  };
  const release = () => lease.release().catch((error: unknown) => console.warn("subscription lease not released; it lapses on its own", String(error)));
  return follow(ctx, sub, filter, Date.now() + (options.lifetimeMs ?? MAX_STREAM_MS), release);
}

async function* follow<Row>(ctx: RequestContext, sub: Subscriber, filter: FeedFilter<Row>, lifetimeEnd: number, release: () => Promise<void>): AsyncGenerator<FeedItem<Row>> {
  const source = sub.source as FeedSource<Row>;
  const poller = isolatePoller(pollIntervalMs(ctx.env));
  const channel = streamChannelOf(ctx);
  poller.join(sub);
  try {
    for (;;) {
      if (sub.end) throw new StreamEndedError(sub.end, ENDED[sub.end]);
      if (ctx.signal?.aborted) return;
      const now = Date.now();
      if (ctx.actor.expiresAt !== undefined && ctx.actor.expiresAt <= now) throw new StreamEndedError("CREDENTIAL_EXPIRED", ENDED.CREDENTIAL_EXPIRED);
      if (now >= lifetimeEnd) return;
      // Wake in time to end the stream when its credential expires, rather than a whole interval later.
      const deadline = Math.min(lifetimeEnd, ctx.actor.expiresAt ?? Infinity);
      let rows: Row[];
      let through: FeedKey;
      if (poller.isBehind(sub)) {
        // Catching up on its own: keep the credential checked every interval, but without waiting for a cycle.
        await poller.runDueCycle(ctx.db, ctx.signal);
        if (sub.end) continue;
        const floor = poller.floorOf(sub)!;
        rows = await source.after(ctx.db, sub.position, CATCH_UP_BATCH, { through: floor, where: filter.where });
        through = rows.length === CATCH_UP_BATCH ? source.keyOf(rows.at(-1)!) : floor;
      } else {
        if (!(await poller.awaitCycle(sub, ctx.db, ctx.signal, deadline))) continue;
        if (sub.end) continue;
        const taken = poller.take(sub);
        rows = (taken.rows as Row[]).filter(filter.match);
        through = taken.head;
      }
      for (const row of rows) {
        const key = source.keyOf(row);
        sub.position = key;
        const cursor = source.encode(key);
        if (channel) channel.eventId = cursor;
        yield { cursor, row };
        if (sub.end) break;
      }
      if (!sub.end && compareKeys(through, sub.position) > 0) sub.position = through;
    }
  } finally {
    if (channel) channel.position = source.encode(sub.position);
    poller.leave(sub);
    // Kept alive past the response: the client has gone, and the place must be given back all the same.
    const released = release();
    ctx.waitUntil(released);
    await released;
  }
}
