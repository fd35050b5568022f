import { eq, inArray } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { chronicleEvents, type ChronicleEventRow } from "../db/schema";
import { chronicleSource } from "../subscriptions/chronicle-source";
import { openFeed, resumeCursor, type FeedFilter, type FeedItem } from "../subscriptions/follow-feed";
import { requireSubjectVisible } from "./timeline";

export type TimelineUpdate = FeedItem<ChronicleEventRow>;

export interface TimelineStreamArgs {
  subjectId?: string | null;
  /** Event types to keep; `type` is the older single-type form, and both may be given. */
  types?: readonly string[] | null;
  type?: string | null;
  after?: string | null;
}

/** The Chronicle filter of a timeline stream, in memory for the shared read and as SQL for catching up. */
export function chronicleFilter(subjectId: string | null | undefined, types: readonly string[]): FeedFilter<ChronicleEventRow> {
  return {
    match: (row) => (!subjectId || row.subjectId === subjectId) && (types.length === 0 || types.includes(row.type)),
    where: [...(subjectId ? [eq(chronicleEvents.subjectId, subjectId)] : []), ...(types.length ? [inArray(chronicleEvents.type, [...types])] : [])],
  };
}

/**
 * Opens a stream of new Chronicle events, authorized as Query.timeline is: a subject the caller may see, or
 * everyone's events for administrators. `after` (or Last-Event-ID) replays what was missed; without it the
 * stream starts now.
 */
export async function openTimelineStream(ctx: RequestContext, args: TimelineStreamArgs): Promise<AsyncGenerator<TimelineUpdate>> {
  if (args.subjectId) await requireSubjectVisible(ctx, args.subjectId);
  else requireCapability(ctx.actor, "actors:admin");
  const types = [...new Set([...(args.types ?? []), ...(args.type ? [args.type] : [])])];
  return openFeed(ctx, chronicleSource, chronicleFilter(args.subjectId, types), resumeCursor(ctx, chronicleSource, args.after));
}
