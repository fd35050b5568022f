import { createDatabase } from "../db/client";
import { markDeliveryReceived } from "../resolvers/delivery";
import { deliveryMessage, type DeliveryMessage } from "./messages";

const utf8 = new TextDecoder();

/** The verified delivery body a message carries, inline or through its CHITTYCONNECT_KV reference. */
export async function loadPayload(env: Env, message: DeliveryMessage): Promise<Record<string, unknown>> {
  if ("payload" in message) return JSON.parse(utf8.decode(message.payload)) as Record<string, unknown>;
  const stored = await env.CHITTYCONNECT_KV.get(message.payloadRef, "text");
  if (stored === null) throw new Error(`payload ${message.payloadRef} is missing from CHITTYCONNECT_KV (expired?)`);
  return JSON.parse(stored) as Record<string, unknown>;
}

/**
 * EVENT_Q consumer: loads each delivery's payload and records that it arrived. Event handlers are
 * not part of this foundation; a message that cannot be read is retried and then dead-lettered,
 * never acknowledged silently.
 */
export async function handleEventBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  for (const message of batch.messages) {
    const parsed = deliveryMessage.safeParse(message.body);
    try {
      if (!parsed.success) throw new Error(`not a delivery message: ${parsed.error.issues[0]?.message}`);
      await loadPayload(env, parsed.data);
      await markDeliveryReceived(db, parsed.data.deliveryId);
      message.ack();
    } catch (error) {
      console.error("event message failed", { id: message.id, attempts: message.attempts, error: String(error) });
      message.retry();
    }
  }
}
