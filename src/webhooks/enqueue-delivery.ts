import type { DeliveryMessage, DeliveryMeta } from "../queue/messages";

/**
 * Bodies up to this size travel inside the queue message; bigger ones go by reference.
 * Queue messages are limited to 128 KB; 8 KB stay free for the message's other fields.
 * @see https://developers.cloudflare.com/queues/platform/limits/
 */
export const INLINE_PAYLOAD_BYTES = 120_000;
/** Referenced bodies outlive the queue's retries and a few days of dead-letter inspection. */
const PAYLOAD_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Where a delivery's body is stored in CHITTYCONNECT_KV when it goes by reference. */
export const payloadKey = (deliveryId: string) => `github-delivery-payload:${deliveryId}`;

/** The KV key the body will be stored under, or null when it fits in the message. */
export function payloadRefFor(deliveryId: string, body: Uint8Array): string | null {
  return body.byteLength > INLINE_PAYLOAD_BYTES ? payloadKey(deliveryId) : null;
}

/** Sends one verified delivery to EVENT_Q, storing its body in KV first when it goes by reference. */
export async function enqueueDelivery(env: Env, meta: DeliveryMeta, body: Uint8Array<ArrayBuffer>, payloadRef: string | null): Promise<void> {
  let message: DeliveryMessage;
  if (payloadRef) {
    await env.CHITTYCONNECT_KV.put(payloadRef, body, { expirationTtl: PAYLOAD_TTL_SECONDS });
    message = { ...meta, payloadRef };
  } else {
    message = { ...meta, payload: body };
  }
  await env.EVENT_Q.send(message, { contentType: "v8" });
}
