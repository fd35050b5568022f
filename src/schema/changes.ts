import { listChanges, type Changes } from "../resolvers/changes";
import { pageSize } from "../inputs/context-input";
import { builder } from "./builder";
import { ChronicleEvent } from "./chronicle-event";
import { eventTypes } from "./timeline-subscription";

const ChangesType = builder.objectRef<Changes>("Changes").implement({
  description: "One answer of the change feed: what happened after `since`, where to continue, and when to ask again.",
  fields: (t) => ({
    events: t.field({ type: [ChronicleEvent], description: "Chronicle events after `since`, oldest first.", resolve: (c) => c.events }),
    cursor: t.exposeString("cursor", { description: "Pass as `since` next time. Subscription cursors and timeline cursors are the same kind." }),
    hasMore: t.exposeBoolean("hasMore", { description: "More events are waiting: ask again at once." }),
    pollAfterMs: t.exposeInt("pollAfterMs", {
      description: "How long to wait before asking again: 0 while more are waiting, POLL_INTERVAL_MS after events, five times that when there were none.",
    }),
  }),
});

builder.queryField("changes", (t) =>
  t.field({
    type: ChangesType,
    description:
      "A change feed for clients that cannot hold a stream: poll with the last `cursor` as `since` (none: from the start) after `pollAfterMs`. Authorized as Query.timeline: a subject you may see, or every event for administrators.",
    args: {
      since: t.arg.string({ required: false, validate: { maxLength: 200 } }),
      types: t.arg.stringList({ required: false, description: "Only these event types (up to 20).", validate: { schema: eventTypes } }),
      subjectId: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      first: t.arg.int({ required: false, description: "At most this many events (1 to 100; 100 by default).", validate: { schema: pageSize } }),
    },
    resolve: (_root, args, ctx) => listChanges(ctx, args),
  }),
);
