import { and, eq, inArray } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { webhookDeliveries, type WebhookDeliveryRow } from "../db/schema";
import { AppError, ConflictError, NotFoundError } from "../errors";
import { enqueueDelivery } from "../deliveries/enqueue";
import { deliveryMeta } from "../deliveries/message";

const t = webhookDeliveries;
const REPLAYABLE = ["dead", "failed"] as const;

/**
 * Re-enqueues a dead or failed delivery by its stored payload; operators only (github:admin). The status
 * flips to queued first, conditionally, so two operators replaying at once send one message; if the
 * queue refuses, the row is put back as it was. A delivery processed meanwhile is skipped by the consumer.
 */
export async function replayDelivery(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryRow> {
  requireCapability(ctx.actor, "github:admin");
  const [row] = await ctx.db.select().from(t).where(eq(t.deliveryId, deliveryId)).limit(1);
  if (!row) throw new NotFoundError("Delivery", deliveryId);
  if (!(REPLAYABLE as readonly string[]).includes(row.status)) {
    throw new ConflictError(`Delivery ${deliveryId} is ${row.status}; only dead or failed deliveries can be replayed`, "DELIVERY_NOT_REPLAYABLE");
  }
  if (!row.payloadRef) {
    throw new ConflictError(`Delivery ${deliveryId} has no stored payload to replay; redeliver it from the App's advanced settings on GitHub`, "PAYLOAD_UNAVAILABLE");
  }
  const [claimed] = await ctx.db
    .update(t)
    .set({ status: "queued" })
    .where(and(eq(t.deliveryId, deliveryId), inArray(t.status, [...REPLAYABLE])))
    .returning();
  if (!claimed) throw new ConflictError(`Delivery ${deliveryId} changed while replaying it; read it again`, "DELIVERY_NOT_REPLAYABLE");
  try {
    await enqueueDelivery(ctx.env, deliveryMeta(row), { storedAt: row.payloadRef });
  } catch (error) {
    await ctx.db.update(t).set({ status: row.status }).where(eq(t.deliveryId, deliveryId));
    throw new AppError(503, "ENQUEUE_FAILED", "The event queue refused the replay; try again shortly", { cause: error });
  }
  console.log("delivery replayed", { deliveryId, by: ctx.actor.id, was: row.status });
  return claimed;
}
