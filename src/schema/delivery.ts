import { DELIVERY_STATUSES, type WebhookDeliveryRow } from "../db/schema";
import { eventName } from "../deliveries/message";
import { listDeliveries } from "../resolvers/delivery";
import { builder } from "./builder";
import { forwardPageArgs, toConnection } from "./connection";

export const DeliveryStatus = builder.enumType("DeliveryStatus", {
  description:
    "queued: claimed and sent to the event queue (or replayed). ignored: nothing handles this event or action. received: the consumer is working on it. processed: its writes committed, exactly once. failed: the last attempt failed and the queue retries it. dead: in the dead-letter queue, waiting for replayDelivery.",
  values: DELIVERY_STATUSES,
});

const optionalTime = (value: number | null) => (value === null ? null : new Date(value));

export const Delivery = builder.objectRef<WebhookDeliveryRow>("Delivery").implement({
  description: "One GitHub webhook delivery, claimed exactly once by its X-GitHub-Delivery id.",
  fields: (t) => ({
    id: t.exposeID("deliveryId", { description: "GitHub's X-GitHub-Delivery GUID." }),
    event: t.exposeString("event", { description: "X-GitHub-Event, such as `pull_request`." }),
    action: t.exposeString("action", { nullable: true }),
    installationId: t.id({ nullable: true, resolve: (d) => (d.installationId === null ? null : String(d.installationId)) }),
    repository: t.exposeString("repository", { nullable: true, description: "`owner/name`, when the event concerns a repository." }),
    status: t.expose("status", { type: DeliveryStatus }),
    receivedAt: t.field({ type: "DateTime", resolve: (d) => new Date(d.receivedAt) }),
    attempts: t.exposeInt("attempts", { description: "How many times the queue consumer has taken it up." }),
    lastError: t.exposeString("lastError", { nullable: true }),
    processedAt: t.field({ type: "DateTime", nullable: true, resolve: (d) => optionalTime(d.processedAt) }),
    processingMs: t.exposeInt("processingMs", { nullable: true, description: "How long the processing attempt took, in milliseconds." }),
    payloadByReference: t.boolean({
      description: "True when the body was too large for a queue message and travelled through KV.",
      resolve: (d) => d.payloadRef !== null,
    }),
  }),
});

builder.queryField("deliveries", (t) =>
  t.connection({
    type: Delivery,
    description: "Webhook deliveries, newest first; operators only (github:admin).",
    args: {
      status: t.arg({ type: DeliveryStatus, required: false }),
      event: t.arg.string({ required: false, validate: { schema: eventName } }),
    },
    resolve: async (_root, args, ctx) =>
      toConnection(await listDeliveries(ctx, { ...forwardPageArgs(args), status: args.status, event: args.event })),
  }),
);
