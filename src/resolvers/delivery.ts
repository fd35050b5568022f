import { and, desc, eq, lt, or } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { webhookDeliveries, type DeliveryStatus, type WebhookDeliveryRow } from "../db/schema";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";

const isDeliveryKey = (key: unknown[]): key is [number, string] =>
  key.length === 2 && Number.isSafeInteger(key[0]) && typeof key[1] === "string";

/** Deliveries newest first, for operators; keyset-paginated on (received_at, delivery_id). */
export async function listDeliveries(
  ctx: RequestContext,
  args: { status?: DeliveryStatus | null; event?: string | null; first?: number | null; after?: string | null },
): Promise<Page<WebhookDeliveryRow>> {
  requireCapability(ctx.actor, "github:admin");
  const limit = pageLimit(args.first);
  const t = webhookDeliveries;
  const conditions = [];
  if (args.status) conditions.push(eq(t.status, args.status));
  if (args.event) conditions.push(eq(t.event, args.event));
  if (args.after) {
    const [receivedAt, id] = decodeCursor(args.after, isDeliveryKey);
    conditions.push(or(lt(t.receivedAt, receivedAt), and(eq(t.receivedAt, receivedAt), lt(t.deliveryId, id)))!);
  }
  const rows = await ctx.db
    .select()
    .from(t)
    .where(and(...conditions))
    .orderBy(desc(t.receivedAt), desc(t.deliveryId))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.receivedAt, row.deliveryId]);
}
