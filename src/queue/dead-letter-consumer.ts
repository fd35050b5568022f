import { createDatabase } from "../db/client";
import { markDead } from "../deliveries/delivery-record";
import { deliveryMessage, metaOf } from "../deliveries/message";
import { keepPayload } from "../deliveries/payload-store";

/**
 * Dead-letter consumer: records each dead delivery in D1 (status dead, keeping its last error and a
 * replayable copy of its body) so that `deliveries(status: dead)` shows it and replayDelivery can resend it.
 * @see https://developers.cloudflare.com/queues/configuration/dead-letter-queues/
 */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  for (const message of batch.messages) {
    const parsed = deliveryMessage.safeParse(message.body);
    if (!parsed.success) {
      // No delivery id to record it under: the log is its only trace, so it is written loudly.
      console.error("dead letter is not a delivery message; dropping it", { id: message.id, issue: parsed.error.issues[0]?.message });
      message.ack();
      continue;
    }
    const meta = metaOf(parsed.data);
    try {
      const payloadRef = await keepPayload(env, parsed.data);
      await markDead(db, meta, payloadRef);
      console.error("delivery is dead; replay it once the cause is fixed", { deliveryId: meta.deliveryId, event: meta.event, action: meta.action });
      message.ack();
    } catch (error) {
      console.error("dead letter could not be recorded; retrying", { deliveryId: meta.deliveryId, error: String(error) });
      message.retry({ delaySeconds: 30 });
    }
  }
}
