import { and, asc, desc, eq, gt } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { chronicleEvents, type ChronicleEventRow } from "../db/schema";
import { StreamEndedError } from "../errors";
import { decodeCursor, encodeCursor } from "../db/pagination";
import { requireCredentialStillValid } from "./stream-credential";
import { acquireSubscriptionLease, LEASE_RENEW_MS, type SubscriptionLease } from "./subscription-lease";
import { requireSubjectVisible } from "./timeline";

/** How often a subscription asks D1 for new events: there is no shared pub/sub between isolates. */
export const POLL_INTERVAL_MS = 1_000;
/** Streams end after this long, so clients reconnect and their credential is checked again. */
export const MAX_STREAM_MS = 15 * 60_000;
const BATCH = 100;

const isSeqKey = (key: unknown[]): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

export interface TimelineUpdate {
  cursor: string;
  event: ChronicleEventRow;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

type StreamArgs = { subjectId?: string | null; type?: string | null; after?: string | null };

/**
 * Opens a stream of new Chronicle events. Authorization (the timeline's rule), the per-budget stream cap and the
 * cursor are settled here, before the stream exists, so a refusal is an ordinary GraphQL error, not a stream event.
 * `after` (a timeline cursor) replays what was missed since; without it the stream starts now.
 */
export async function openTimelineStream(ctx: RequestContext, args: StreamArgs): Promise<AsyncGenerator<TimelineUpdate>> {
  if (args.subjectId) await requireSubjectVisible(ctx, args.subjectId);
  else requireCapability(ctx.actor, "actors:admin");
  const start = args.after
    ? decodeCursor(args.after, isSeqKey)[0]
    : ((await ctx.db.select({ seq: chronicleEvents.seq }).from(chronicleEvents).orderBy(desc(chronicleEvents.seq)).limit(1))[0]?.seq ?? 0);
  const lease = await acquireSubscriptionLease(ctx);
  return pollTimeline(ctx, args, start, lease);
}

/**
 * Polls D1 for events after `cursor`, oldest first, until the client leaves, the stream's lifetime ends, or its
 * credential stops holding (checked every cycle; the stream then ends with that error).
 */
async function* pollTimeline(ctx: RequestContext, args: StreamArgs, start: number, lease: SubscriptionLease): AsyncGenerator<TimelineUpdate> {
  const filters = [];
  if (args.subjectId) filters.push(eq(chronicleEvents.subjectId, args.subjectId));
  if (args.type) filters.push(eq(chronicleEvents.type, args.type));
  const opened = Date.now();
  const deadline = opened + MAX_STREAM_MS;
  let renewed = opened;
  let cursor = start;
  try {
    while (!ctx.signal?.aborted && Date.now() < deadline) {
      await requireCredentialStillValid(ctx, POLL_INTERVAL_MS);
      const rows = await ctx.db
        .select()
        .from(chronicleEvents)
        .where(and(gt(chronicleEvents.seq, cursor), ...filters))
        .orderBy(asc(chronicleEvents.seq))
        .limit(BATCH);
      for (const event of rows) {
        cursor = event.seq;
        yield { cursor: encodeCursor([event.seq]), event };
      }
      const now = Date.now();
      if (now - renewed >= LEASE_RENEW_MS) await lease.renew((renewed = now));
      if (rows.length < BATCH) {
        // Wake in time to end the stream when its credential expires, rather than a whole interval later.
        const untilExpiry = (ctx.actor.expiresAt ?? Infinity) - now;
        await sleep(Math.min(POLL_INTERVAL_MS, untilExpiry), ctx.signal);
        if (ctx.actor.expiresAt !== undefined && ctx.actor.expiresAt <= Date.now()) {
          throw new StreamEndedError("CREDENTIAL_EXPIRED", "the credential expired");
        }
      }
    }
  } finally {
    await lease.release().catch((error: unknown) => console.warn("subscription lease not released; it lapses on its own", String(error)));
  }
}
