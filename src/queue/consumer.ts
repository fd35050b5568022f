import { createDatabase, type Database } from "../db/client";
import { AppError } from "../errors";
import { markFailed } from "../deliveries/delivery-record";
import type { DeliverySummary } from "../deliveries/delivery-summary";
import { deliveryMessage, type DeliveryMessage } from "../deliveries/message";
import { keepPayload } from "../deliveries/payload-store";
import { processDelivery } from "./process-delivery";
import { retryDelaySeconds } from "./retry-delay";

/** Whether a later attempt may succeed: AppErrors say so themselves; anything unexpected (a D1 hiccup) is retried. */
export function isRetryable(error: unknown): boolean {
  return error instanceof AppError ? error.retryable : !(error instanceof SyntaxError);
}

const describe = (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error));

/**
 * EVENT_Q consumer: processes each delivery exactly once and acks it; a retryable failure is retried
 * with backoff (the queue moves it to the dead-letter queue after max_retries), a non-retryable one goes
 * to the dead-letter queue at once. A failure is never acknowledged without being dead-lettered.
 * @see https://developers.cloudflare.com/queues/configuration/batching-retries/
 */
export async function handleEventBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  // One message at a time: a batch is at most 10 deliveries, and their GitHub calls share one installation's budget.
  for (const message of batch.messages) await handleMessage(message, env, db);
}

async function handleMessage(message: Message<unknown>, env: Env, db: Database): Promise<void> {
  const started = Date.now();
  const parsed = deliveryMessage.safeParse(message.body);
  if (!parsed.success) {
    console.error("EVENT_Q message is not a delivery; dead-lettering it", { id: message.id, issue: parsed.error.issues[0]?.message });
    return deadLetter(message, env, message.body);
  }
  const delivery = parsed.data;
  const learned: { summary?: DeliverySummary } = {};
  // The action is the payload's, known once processDelivery has read it.
  const log = () => ({ deliveryId: delivery.deliveryId, event: delivery.event, action: learned.summary?.action ?? delivery.action, attempts: message.attempts });
  try {
    const outcome = await processDelivery(env, db, delivery, started, learned);
    console.log("delivery handled", { ...log(), outcome, ms: Date.now() - started });
    message.ack();
  } catch (error) {
    const retryable = isRetryable(error);
    console.error("delivery failed", { ...log(), retryable, error: describe(error) });
    try {
      const payloadRef = await keepPayload(env, delivery);
      await markFailed(db, delivery.deliveryId, describe(error), payloadRef, learned.summary);
    } catch (recordError) {
      // The failure could not be recorded; the message is retried so that it is not lost either way.
      console.error("delivery failure could not be recorded", { ...log(), error: String(recordError) });
      return message.retry({ delaySeconds: retryDelaySeconds(recordError, message.attempts) });
    }
    if (retryable) return message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
    return deadLetter(message, env, delivery);
  }
}

/** Sends a message to the dead-letter queue and acks it; if the DLQ refuses, the message is retried instead. */
async function deadLetter(message: Message<unknown>, env: Env, body: DeliveryMessage | unknown): Promise<void> {
  try {
    await env.EVENT_DLQ.send(body, { contentType: "v8" });
    message.ack();
  } catch (error) {
    console.error("dead-letter queue refused the message; retrying it", { id: message.id, error: String(error) });
    message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
  }
}
