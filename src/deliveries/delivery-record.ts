import { and, eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "../db/batch";
import type { Database } from "../db/client";
import { NEXT_DELIVERY_CHANGE, processedDeliveries, webhookDeliveries, type WebhookDeliveryRow } from "../db/schema";
import type { DeliverySummary } from "./delivery-summary";
import type { DeliveryMeta } from "./message";

const t = webhookDeliveries;
// last_error is for operators; a whole stack or payload does not belong in it.
const MAX_ERROR_LENGTH = 1000;
/**
 * How long a consumer may hold a delivery before another copy may take it over. Longer than any attempt takes
 * (GitHub calls are bounded and retried through the queue), short enough that a crashed consumer's delivery
 * is picked up again by its own retry.
 */
export const PROCESSING_LEASE_MS = 5 * 60_000;

/** A new row's identity, from what the message says: where a delivery first appears (its claim, or its dead letter). */
function firstSeen(meta: DeliveryMeta, now: number) {
  return { deliveryId: meta.deliveryId, event: meta.event, action: meta.action ?? null, installationId: meta.installationId ?? null, receivedAt: now };
}

export type Claim =
  | { outcome: "claimed"; row: WebhookDeliveryRow }
  | { outcome: "processed" }
  | { outcome: "busy" };

/**
 * The consumer's claim, the first thing it does with a message: create the delivery's row, or take an existing
 * one, with a processing lease, in one upsert. Of concurrent copies only one gets the lease; a processed or ignored
 * delivery is never taken again (ignored is final too: its payload had nothing any handler records, and a second
 * copy carries the same payload). This is where a delivery first appears for operators.
 */
export async function claimDelivery(db: Database, meta: DeliveryMeta, now = Date.now()): Promise<Claim> {
  const [claimed] = await db
    .insert(t)
    .values({ ...firstSeen(meta, now), status: "received", attempts: 1, leaseUntil: now + PROCESSING_LEASE_MS })
    .onConflictDoUpdate({
      target: t.deliveryId,
      set: { status: "received", attempts: sql`${t.attempts} + 1`, leaseUntil: now + PROCESSING_LEASE_MS, changeSeq: NEXT_DELIVERY_CHANGE },
      setWhere: sql`${t.status} NOT IN ('processed', 'ignored') AND (${t.leaseUntil} IS NULL OR ${t.leaseUntil} <= ${now})`,
    })
    .returning();
  if (claimed) return { outcome: "claimed", row: claimed };
  const [current] = await db.select({ status: t.status }).from(t).where(eq(t.deliveryId, meta.deliveryId)).limit(1);
  return !current || current.status === "processed" || current.status === "ignored" ? { outcome: "processed" } : { outcome: "busy" };
}

/**
 * The writes that finish a delivery, for the batch that carries its handler's writes: the processed_deliveries
 * row (whose primary key fails a second commit of the same delivery), the status, and the lease given back.
 */
export function completionWrites(db: Database, deliveryId: string, done: { processingMs: number; now: number } & DeliverySummary): BatchItem[] {
  const { action, installationId, repository } = done;
  return [
    db.insert(processedDeliveries).values({ deliveryId, processedAt: done.now }),
    db
      .update(t)
      .set({ status: "processed", processedAt: done.now, processingMs: done.processingMs, payloadRef: null, leaseUntil: null, action, installationId, repository })
      .where(eq(t.deliveryId, deliveryId)),
  ];
}

/** The delivery has nothing to process (an action no handler records). */
export async function markIgnored(db: Database, deliveryId: string, summary: DeliverySummary): Promise<void> {
  const { action, installationId, repository } = summary;
  await db
    .update(t)
    .set({ status: "ignored", leaseUntil: null, action, installationId, repository })
    .where(and(eq(t.deliveryId, deliveryId), ne(t.status, "processed")));
}

/**
 * An attempt failed: record why and where the body is kept for a later retry or replay, and give the lease back;
 * with what the payload said about the delivery, when it was read before the failure.
 */
export async function markFailed(db: Database, deliveryId: string, error: string, payloadRef: string | null, summary?: DeliverySummary): Promise<void> {
  await db
    .update(t)
    .set({ status: "failed", lastError: error.slice(0, MAX_ERROR_LENGTH), leaseUntil: null, ...(payloadRef ? { payloadRef } : {}), ...summary })
    .where(and(eq(t.deliveryId, deliveryId), ne(t.status, "processed")));
}

/**
 * The delivery reached the dead-letter queue. A message whose consumer never claimed it (it failed before the
 * claim) still gets a row, so that nothing in the dead-letter queue goes unseen.
 */
export async function markDead(db: Database, meta: DeliveryMeta, payloadRef: string | null, now = Date.now()): Promise<void> {
  await db
    .insert(t)
    .values({
      ...firstSeen(meta, now),
      repository: null,
      status: "dead",
      payloadRef,
      lastError: "reached the dead-letter queue without a recorded error",
    })
    .onConflictDoUpdate({
      target: t.deliveryId,
      set: {
        status: sql`CASE WHEN ${t.status} = 'processed' THEN 'processed' ELSE 'dead' END`,
        payloadRef: sql`COALESCE(${t.payloadRef}, excluded.payload_ref)`,
        lastError: sql`COALESCE(${t.lastError}, 'the queue gave up after its maximum retries')`,
        leaseUntil: null,
        changeSeq: NEXT_DELIVERY_CHANGE,
      },
    });
}
