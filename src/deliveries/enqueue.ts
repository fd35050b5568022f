import type { DeliveryMessage, DeliveryMeta } from "./message";
import { deletePayload, INLINE_PAYLOAD_BYTES, storePayload } from "./payload-store";

/** What a delivery's message carries: the signed bytes, or the key of a body already stored (replay). */
export type DeliveryBody = { bytes: Uint8Array<ArrayBuffer> } | { storedAt: string };

/**
 * Sends one delivery to EVENT_Q: the webhook with the bytes it verified, replay with the stored body's key. A body
 * over the message limit is stored first and deleted again if the send fails, so a refused send leaves nothing.
 */
export async function enqueueDelivery(env: Env, meta: DeliveryMeta, body: DeliveryBody): Promise<DeliveryMessage> {
  let message: DeliveryMessage;
  let stored: string | null = null;
  if ("storedAt" in body) message = { ...meta, payloadRef: body.storedAt };
  else if (body.bytes.byteLength > INLINE_PAYLOAD_BYTES) message = { ...meta, payloadRef: (stored = await storePayload(env, meta.deliveryId, body.bytes)) };
  else message = { ...meta, payload: body.bytes };
  try {
    await env.EVENT_Q.send(message, { contentType: "v8" });
  } catch (error) {
    if (stored) await deletePayload(env, stored).catch((e: unknown) => console.error("stored body not deleted after a failed send", { key: stored, error: String(e) }));
    throw error;
  }
  return message;
}
