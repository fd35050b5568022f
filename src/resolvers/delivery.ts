import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { webhookDeliveries, type DeliveryStatus, type WebhookDeliveryRow } from "../db/schema";
import { decodeCursor, pageLimit, toPage, type Page } from "./pagination";

export type NewDelivery = Pick<WebhookDeliveryRow, "deliveryId" | "event" | "action" | "installationId" | "repository" | "status" | "payloadRef">;

/** IDEMP_KV marks seen deliveries for this long; GitHub redelivers manually within days, D1 remembers forever. */
const SEEN_TTL_SECONDS = 24 * 60 * 60;
export const seenKey = (deliveryId: string) => `github-delivery:${deliveryId}`;

/** Fast pre-check: true when IDEMP_KV has seen the delivery. A miss proves nothing (KV is eventually consistent). */
export async function seenRecently(env: Env, deliveryId: string): Promise<boolean> {
  return (await env.IDEMP_KV.get(seenKey(deliveryId))) !== null;
}

export function markSeen(env: Env, deliveryId: string): Promise<void> {
  return env.IDEMP_KV.put(seenKey(deliveryId), "1", { expirationTtl: SEEN_TTL_SECONDS });
}

/**
 * The exactly-once claim: a create-only insert keyed by the delivery id. Of any number of
 * concurrent requests for one delivery, only the one whose insert changed a row gets true.
 */
export async function claimDelivery(db: Database, delivery: NewDelivery, now = Date.now()): Promise<boolean> {
  const result = await db
    .insert(webhookDeliveries)
    .values({ ...delivery, receivedAt: now })
    .onConflictDoNothing({ target: webhookDeliveries.deliveryId });
  return result.meta.changes === 1;
}

/** Gives a claim back (the enqueue failed), so that GitHub's redelivery of the same id is accepted. */
export async function releaseDelivery(db: Database, deliveryId: string): Promise<void> {
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.deliveryId, deliveryId));
}

/** The queue consumer loaded the delivery's payload: count the attempt. */
export async function markDeliveryReceived(db: Database, deliveryId: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: "received", attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(eq(webhookDeliveries.deliveryId, deliveryId));
}

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
