import { openDeliveryStream, type DeliveryUpdate } from "../resolvers/delivery-stream";
import { builder } from "./builder";
import { Delivery, DeliveryStatus } from "./delivery";

const DeliveryUpdateType = builder.objectRef<DeliveryUpdate>("DeliveryUpdate").implement({
  description: "A webhook delivery whose status just changed, with the cursor to resume from.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` (or send as Last-Event-ID) to resume without gaps; it is also the SSE event's `id`." }),
    delivery: t.field({ type: Delivery, description: "The delivery as it stands after the change.", resolve: (u) => u.row }),
  }),
});

builder.subscriptionField("deliveries", (t) =>
  t.field({
    type: DeliveryUpdateType,
    description:
      "Webhook deliveries as they are claimed and change status (queued or received, then processed, failed, dead), oldest change first, over SSE; operators only (github:admin). Two changes between two reads arrive as the later one.",
    args: {
      status: t.arg({ type: DeliveryStatus, required: false, description: "Only changes into this status." }),
      after: t.arg.string({ required: false, validate: { maxLength: 200 } }),
    },
    subscribe: (_root, args, ctx) => openDeliveryStream(ctx, args),
    resolve: (update) => update,
  }),
);
