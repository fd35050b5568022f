import { isUniqueViolation, type Database } from "../db/client";
import type { BatchItem } from "../resolvers/batch-statements";
import { markSeen } from "../resolvers/delivery";
import { completionWrites, markIgnored, startAttempt } from "../resolvers/delivery-outcome";
import { handlerFor } from "./dispatch";
import type { DeliveryMessage } from "./messages";
import { loadPayload } from "./payload-store";

/**
 * Sets the IDEMP_KV pre-check for GitHub's later redeliveries of this id. It is only an accelerator (the
 * D1 claim decides), so a KV failure is logged rather than failing the delivery.
 */
function markSeenBestEffort(env: Env, deliveryId: string): Promise<void> {
  return markSeen(env, deliveryId).catch((error: unknown) => console.warn("IDEMP_KV marker not written", { deliveryId, error: String(error) }));
}

export type Outcome = "processed" | "duplicate" | "ignored";

// A concurrent writer of the same GitHub object (two pushes to one repository) makes the batch fail on a
// UNIQUE index; handling the delivery again reads the winner's rows and succeeds.
const CONFLICT_ATTEMPTS = 3;

/**
 * Processes one delivery exactly once: skip it when already processed, run its handler, and commit the
 * handler's writes together with the processed mark in one D1 batch. Errors propagate to the consumer,
 * which decides between retry and dead letter.
 */
export async function processDelivery(env: Env, db: Database, message: DeliveryMessage, started = Date.now()): Promise<Outcome> {
  const before = await startAttempt(db, message.deliveryId);
  if (!before) throw new Error(`delivery ${message.deliveryId} has no claimed row in webhook_deliveries`);
  if (before.status === "processed") return "duplicate";
  const [payload] = await Promise.all([loadPayload(env, message), markSeenBestEffort(env, message.deliveryId)]);
  const handler = handlerFor(message.event, message.action);
  if (!handler) {
    await markIgnored(db, message.deliveryId);
    return "ignored";
  }
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    const ctx = { env, db, deliveryId: message.deliveryId, event: message.event, action: message.action, now };
    const writes = await handler(ctx, payload);
    const statements: BatchItem[] = [...completionWrites(db, message.deliveryId, Date.now() - started, now), ...writes];
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      // A stored body (too large for the message, or kept for replay) is not needed once processed.
      if (before.payloadRef) await env.CHITTYCONNECT_KV.delete(before.payloadRef);
      return "processed";
    } catch (error) {
      if (isUniqueViolation(error, "processed_deliveries")) return "duplicate";
      if (attempt >= CONFLICT_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

