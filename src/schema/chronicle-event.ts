import type { ChronicleEventRow } from "../db/schema";
import { listTimeline } from "../resolvers/timeline";
import { builder } from "./builder";
import { Node } from "./node";
import { forwardPageArgs, toConnection } from "./connection";

export const ChronicleEvent = builder.objectRef<ChronicleEventRow>("ChronicleEvent").implement({
  interfaces: [Node],
  description: "One entry of a ChittyChronicle timeline.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The event's ChittyID." }),
    type: t.exposeString("type", { description: "Dotted event type, such as `context.updated`." }),
    subjectId: t.exposeString("subjectId", { description: "ChittyID of the entity the event is about." }),
    actorId: t.exposeString("actorId", { nullable: true, description: "ChittyID of the actor who caused it, if any." }),
    occurredAt: t.field({ type: "DateTime", resolve: (e) => new Date(e.occurredAt) }),
    data: t.expose("data", { type: "JSONObject" }),
  }),
});

builder.queryField("timeline", (t) =>
  t.connection({
    type: ChronicleEvent,
    description: "Chronicle events, newest first. Without subjectId this is an administrator's view of all events.",
    args: {
      subjectId: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      type: t.arg.string({ required: false, validate: { maxLength: 100 } }),
      types: t.arg.stringList({ required: false, description: "Any of these event types.", validate: { maxLength: 20, items: { maxLength: 100 } } }),
      actorId: t.arg.string({ required: false, description: "Only events this actor caused.", validate: { maxLength: 200 } }),
      since: t.arg({ type: "DateTime", required: false, description: "Occurred at or after this instant." }),
      until: t.arg({ type: "DateTime", required: false, description: "Occurred at or before this instant." }),
    },
    resolve: async (_root, args, ctx) =>
      toConnection(
        await listTimeline(ctx, {
          ...forwardPageArgs(args),
          subjectId: args.subjectId,
          type: args.type,
          types: args.types,
          actorId: args.actorId,
          since: args.since ? args.since.getTime() : null,
          until: args.until ? args.until.getTime() : null,
        }),
      ),
  }),
);
