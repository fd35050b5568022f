import { deliveryId } from "../deliveries/message";
import { deliveryMetrics, type DeliveryMetrics as Metrics } from "../resolvers/delivery-metrics";
import { replayDelivery } from "../resolvers/delivery-replay";
import { builder } from "./builder";
import { Delivery } from "./delivery";

const DeliveryCounts = builder.objectRef<Metrics["counts"]>("DeliveryCounts").implement({
  description: "How many deliveries are in each status.",
  fields: (t) => ({
    queued: t.exposeInt("queued"),
    ignored: t.exposeInt("ignored"),
    received: t.exposeInt("received"),
    processed: t.exposeInt("processed"),
    failed: t.exposeInt("failed", { description: "Failed on their last attempt and waiting for a retry." }),
    dead: t.exposeInt("dead", { description: "In the dead-letter state; replay them with replayDelivery." }),
  }),
});

const DeliveryMetrics = builder.objectRef<Metrics>("DeliveryMetrics").implement({
  description: "Event-processing health, computed from webhook_deliveries in D1.",
  fields: (t) => ({
    counts: t.field({ type: DeliveryCounts, resolve: (m) => m.counts }),
    retries: t.exposeInt("retries", { description: "Attempts beyond the first, summed over deliveries." }),
    p95ProcessingMs: t.exposeInt("p95ProcessingMs", { nullable: true, description: "95th percentile processing time of processed deliveries (nearest rank)." }),
    since: t.field({ type: "DateTime", nullable: true, resolve: (m) => (m.since === null ? null : new Date(m.since)), description: "Start of the window, if one was given." }),
  }),
});

builder.queryField("deliveryMetrics", (t) =>
  t.field({
    type: DeliveryMetrics,
    description: "Processed, failed and dead counts and the p95 processing time; operators only (github:admin).",
    args: { since: t.arg({ type: "DateTime", required: false, description: "Only deliveries received at or after this time." }) },
    resolve: (_root, args, ctx) => deliveryMetrics(ctx, { since: args.since }),
  }),
);

builder.mutationField("replayDelivery", (t) =>
  t.field({
    type: Delivery,
    description: "Re-enqueues a dead or failed delivery from its stored payload; operators only (github:admin).",
    args: { id: t.arg.id({ required: true, validate: { schema: deliveryId } }) },
    resolve: (_root, args, ctx) => replayDelivery(ctx, String(args.id)),
  }),
);
