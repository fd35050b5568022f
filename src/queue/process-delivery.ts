import { isUniqueViolation, type Database } from "../db/client";
import type { BatchItem } from "../db/batch";
import { claimDelivery, completionWrites, markIgnored } from "../deliveries/delivery-record";
import { summarizeDelivery, type DeliverySummary } from "../deliveries/delivery-summary";
import { metaOf, type DeliveryMessage } from "../deliveries/message";
import { deletePayload, loadPayload } from "../deliveries/payload-store";
import { markProcessed, processedRecently } from "../deliveries/seen-marker";
import { handlerFor } from "./dispatch";
import type { AfterCommitStep } from "./handlers/handler";

/**
 * duplicate: already processed; in-progress: another copy holds the lease. Both are acknowledged: the copy that
 * holds the lease is retried by the queue if it fails, so a second copy has nothing left to guarantee.
 */
export type Outcome = "processed" | "duplicate" | "in-progress" | "ignored";

// A concurrent writer of the same GitHub object (two pushes to one repository) makes the batch fail on a
// UNIQUE index; handling the delivery again reads the winner's rows and succeeds.
const CONFLICT_ATTEMPTS = 3;

/**
 * Processes one delivery exactly once: skip it when IDEMP_KV already marks it processed, claim it (the row and a
 * processing lease, in one upsert), skip it when D1 says it is processed or another copy holds it, run its handler, and commit the handler's writes together with the
 * processed mark in one D1 batch. Errors propagate to the consumer, which decides between retry and dead letter;
 * `learned.summary` tells it what the payload said (action, installation, repository), for the failure's record.
 */
export async function processDelivery(
  env: Env,
  db: Database,
  message: DeliveryMessage,
  started = Date.now(),
  learned: { summary?: DeliverySummary } = {},
): Promise<Outcome> {
  if (await processedRecently(env, message.deliveryId)) return "duplicate";
  const claim = await claimDelivery(db, metaOf(message));
  if (claim.outcome === "processed") return "duplicate";
  if (claim.outcome === "busy") return "in-progress";
  const payload = await loadPayload(env, message);
  // The payload says what the delivery is about; the ack does not parse it, so the row learns it here.
  const summary = (learned.summary = summarizeDelivery(payload));
  const handler = handlerFor(message.event, summary.action ?? undefined);
  if (!handler) {
    await markIgnored(db, message.deliveryId, summary);
    return "ignored";
  }
  const storedBody = "payloadRef" in message ? message.payloadRef : claim.row.payloadRef;
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    // Steps are collected per attempt: only the attempt whose batch commits runs its own.
    const afterCommit: AfterCommitStep[] = [];
    const ctx = { env, db, deliveryId: message.deliveryId, event: message.event, action: summary.action ?? undefined, now, afterCommit: (step: AfterCommitStep) => void afterCommit.push(step) };
    const writes = await handler(ctx, payload);
    const statements: BatchItem[] = [...completionWrites(db, message.deliveryId, { processingMs: Date.now() - started, now, ...summary }), ...writes];
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      // A stored body (too large for the message, or kept for replay) is not needed once processed.
      await Promise.all([storedBody ? deletePayload(env, storedBody) : undefined, markProcessed(env, message.deliveryId)]);
      await runAfterCommit(afterCommit, message.deliveryId);
      return "processed";
    } catch (error) {
      if (isUniqueViolation(error, "processed_deliveries")) return "duplicate";
      if (attempt >= CONFLICT_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * A handler's deferred steps, in order, after its writes committed. A failure is logged and the rest still run:
 * the delivery is processed and will not be handled again, so whatever a step started must be recoverable
 * without it (a review request left waiting is re-sent by the cron sweep).
 */
async function runAfterCommit(steps: AfterCommitStep[], deliveryId: string): Promise<void> {
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      console.error("after-commit step failed", { deliveryId, step: step.name, error: String(error) });
    }
  }
}
