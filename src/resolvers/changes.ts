import { max } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { chronicleEvents, type ChronicleEventRow } from "../db/schema";
import { chronicleSource } from "../subscriptions/chronicle-source";
import { ORIGIN } from "../subscriptions/feed-source";
import { MAX_IDLE_FACTOR, pollIntervalMs } from "../subscriptions/poll-interval";
import { LIMITS } from "../limits";
import { requireSubjectVisible } from "./timeline";
import { chronicleFilter } from "./timeline-stream";

export interface ChangesArgs {
  since?: string | null;
  types?: readonly string[] | null;
  subjectId?: string | null;
  first?: number | null;
}

export interface Changes {
  events: ChronicleEventRow[];
  /** Pass as `since` next time. */
  cursor: string;
  hasMore: boolean;
  pollAfterMs: number;
}

/**
 * The change feed, for clients that cannot hold a stream: Chronicle events after `since`, oldest first, with the
 * cursor to ask from next and how long to wait before asking. Authorized as Query.timeline. The events and the
 * newest seq come from one D1 batch (one snapshot), so a filtered page can move the cursor past events it did not
 * want without skipping one committed in between.
 */
export async function listChanges(ctx: RequestContext, args: ChangesArgs): Promise<Changes> {
  if (args.subjectId) await requireSubjectVisible(ctx, args.subjectId);
  else requireCapability(ctx.actor, "actors:admin");
  const since = args.since ? chronicleSource.decode(args.since) : ORIGIN;
  const limit = args.first ?? LIMITS.pageSize;
  const filter = chronicleFilter(args.subjectId, [...new Set(args.types ?? [])]);
  const [rows, [newest]] = await ctx.db.batch([
    chronicleSource.after(ctx.db, since, limit + 1, { where: filter.where }),
    ctx.db.select({ seq: max(chronicleEvents.seq) }).from(chronicleEvents),
  ]);
  const hasMore = rows.length > limit;
  const events = rows.slice(0, limit);
  const through = hasMore ? events.at(-1)!.seq : Math.max(since[0], newest?.seq ?? 0);
  const interval = pollIntervalMs(ctx.env);
  return {
    events,
    cursor: chronicleSource.encode([through, ""]),
    hasMore,
    pollAfterMs: hasMore ? 0 : events.length > 0 ? interval : interval * MAX_IDLE_FACTOR,
  };
}
