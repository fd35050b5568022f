import { openTimelineStream, type TimelineUpdate } from "../resolvers/timeline-stream";
import { builder } from "./builder";
import { ChronicleEvent } from "./chronicle-event";

const TimelineUpdateType = builder.objectRef<TimelineUpdate>("TimelineUpdate").implement({
  description: "A Chronicle event as it happens, with the cursor to resume from after a reconnect.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` to resume without gaps; timeline cursors work too." }),
    event: t.field({ type: ChronicleEvent, resolve: (u) => u.event }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField("timeline", (t) =>
  t.field({
    type: TimelineUpdateType,
    description:
      "New Chronicle events over Server-Sent Events (`Accept: text/event-stream`), oldest first. D1 is polled every second; streams end after 15 minutes.",
    args: {
      subjectId: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      type: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      after: t.arg.string({ required: false, validate: { maxLength: 200 } }),
    },
    subscribe: (_root, args, ctx) => openTimelineStream(ctx, args),
    resolve: (update) => update,
  }),
);
