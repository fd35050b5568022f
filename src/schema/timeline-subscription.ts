import { z } from "zod";
import { openTimelineStream, type TimelineUpdate } from "../resolvers/timeline-stream";
import { builder } from "./builder";
import { ChronicleEvent } from "./chronicle-event";

/** Event-type filters of the feeds and the change feed. */
export const eventTypes = z.array(z.string().min(1).max(100)).max(20);

const TimelineUpdateType = builder.objectRef<TimelineUpdate>("TimelineUpdate").implement({
  description: "A Chronicle event as it happens, with the cursor to resume from after a reconnect.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", {
      description: "Pass as `after` (or send as Last-Event-ID) to resume without gaps; it is also the SSE event's `id`. Timeline cursors work too.",
    }),
    event: t.field({ type: ChronicleEvent, resolve: (u) => u.row }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField("timeline", (t) =>
  t.field({
    type: TimelineUpdateType,
    description:
      "New Chronicle events over Server-Sent Events (`Accept: text/event-stream`), oldest first, authorized as Query.timeline. The isolate's one poller reads D1 every POLL_INTERVAL_MS (1 s by default, backing off to 5x while idle). Each event's SSE `id` is its cursor; reconnect with Last-Event-ID to miss nothing. Streams end after 15 minutes, with the cursor to resume from as the `id` of `complete`.",
    args: {
      subjectId: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      types: t.arg.stringList({ required: false, description: "Only these event types (up to 20).", validate: { schema: eventTypes } }),
      type: t.arg.string({ required: false, description: "One event type; the older form of `types`.", validate: { maxLength: 100 } }),
      after: t.arg.string({ required: false, validate: { maxLength: 200 } }),
    },
    subscribe: (_root, args, ctx) => openTimelineStream(ctx, args),
    resolve: (update) => update,
  }),
);
