import { eq } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { webhookDeliveries, type DeliveryStatus, type WebhookDeliveryRow } from "../db/schema";
import { deliverySource } from "../subscriptions/delivery-source";
import { openFeed, resumeCursor, type FeedItem } from "../subscriptions/follow-feed";

export type DeliveryUpdate = FeedItem<WebhookDeliveryRow>;

/**
 * Opens a stream of webhook deliveries as they change status (queued or received, then processed, failed or
 * dead), for operators (github:admin, as Query.deliveries). `status` keeps only changes into that status.
 */
export async function openDeliveryStream(
  ctx: RequestContext,
  args: { status?: DeliveryStatus | null; after?: string | null },
): Promise<AsyncGenerator<DeliveryUpdate>> {
  requireCapability(ctx.actor, "github:admin");
  const status = args.status ?? null;
  const filter = {
    match: (row: WebhookDeliveryRow) => status === null || row.status === status,
    where: status ? [eq(webhookDeliveries.status, status)] : [],
  };
  return openFeed(ctx, deliverySource, filter, resumeCursor(ctx, deliverySource, args.after));
}
