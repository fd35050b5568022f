import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { processedDeliveries, webhookDeliveries } from "../db/schema";
import type { DeliveryMeta } from "../queue/messages";
import type { BatchItem } from "./batch-statements";

const t = webhookDeliveries;
// last_error is for operators; a whole stack or payload does not belong in it.
const MAX_ERROR_LENGTH = 1000;

/** The consumer took the delivery up: count the attempt, and return the row as it stood before. */
export async function startAttempt(db: Database, deliveryId: string) {
  const [row] = await db
    .update(t)
    .set({ status: sql`CASE WHEN ${t.status} = 'processed' THEN 'processed' ELSE 'received' END`, attempts: sql`${t.attempts} + 1` })
    .where(eq(t.deliveryId, deliveryId))
    .returning();
  return row;
}

/**
 * The writes that finish a delivery, for the batch that carries its handler's writes: the
 * processed_deliveries row (whose primary key fails a second commit of the same delivery) and the status.
 */
export function completionWrites(db: Database, deliveryId: string, processingMs: number, now: number): BatchItem[] {
  return [
    db.insert(processedDeliveries).values({ deliveryId, processedAt: now }),
    db.update(t).set({ status: "processed", processedAt: now, processingMs, payloadRef: null }).where(eq(t.deliveryId, deliveryId)),
  ];
}

/** The delivery has nothing to process (an action no handler records). */
export async function markIgnored(db: Database, deliveryId: string): Promise<void> {
  await db.update(t).set({ status: "ignored" }).where(and(eq(t.deliveryId, deliveryId), ne(t.status, "processed")));
}

/** An attempt failed: record why, and where the payload is kept for a later retry or replay. */
export async function markFailed(db: Database, deliveryId: string, error: string, payloadRef: string | null): Promise<void> {
  await db
    .update(t)
    .set({ status: "failed", lastError: error.slice(0, MAX_ERROR_LENGTH), ...(payloadRef ? { payloadRef } : {}) })
    .where(and(eq(t.deliveryId, deliveryId), ne(t.status, "processed")));
}

/**
 * The delivery reached the dead-letter queue. A message without a claimed row (which the webhook never
 * enqueues) still gets one, so that nothing in the dead-letter queue goes unseen.
 */
export async function markDead(db: Database, meta: DeliveryMeta, payloadRef: string | null, now = Date.now()): Promise<void> {
  await db
    .insert(t)
    .values({
      deliveryId: meta.deliveryId,
      event: meta.event,
      action: meta.action ?? null,
      installationId: meta.installationId ?? null,
      repository: null,
      receivedAt: now,
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
      },
    });
}
