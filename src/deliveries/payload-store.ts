import { AppError } from "../errors";
import type { DeliveryMessage } from "./message";

/**
 * A message points at a stored body that is gone. R2 is strongly consistent, so no retry brings it back: the
 * delivery is dead-lettered at once, and GitHub's "Redeliver" is the way to get it again.
 */
class PayloadMissingError extends AppError {
  constructor(key: string) {
    super(422, "PAYLOAD_MISSING", `The stored body ${key} is gone; redeliver the delivery from the App's advanced settings on GitHub`);
  }
}

/**
 * Bodies up to this size travel inside the queue message; bigger ones are stored and go by reference.
 * Queue messages are limited to 128 KB; 8 KB stay free for the message's other fields.
 * @see https://developers.cloudflare.com/queues/platform/limits/
 */
export const INLINE_PAYLOAD_BYTES = 120_000;

/** The one key a delivery's stored body has in DELIVERY_PAYLOADS. */
export const payloadKey = (deliveryId: string) => `github-delivery-payload/${deliveryId}`;

const utf8 = new TextDecoder();

/**
 * Stores a delivery's body in DELIVERY_PAYLOADS (R2: strongly consistent, so the consumer in another location
 * reads what the ack wrote, and made for blobs up to GitHub's 25 MB). Returns the key.
 * @see https://developers.cloudflare.com/r2/reference/consistency/
 */
export async function storePayload(env: Env, deliveryId: string, body: Uint8Array | ArrayBuffer): Promise<string> {
  const key = payloadKey(deliveryId);
  await env.DELIVERY_PAYLOADS.put(key, body, { httpMetadata: { contentType: "application/json" } });
  return key;
}

/** Removes a stored body: once its delivery is processed, or when its message could not be sent. */
export async function deletePayload(env: Env, key: string): Promise<void> {
  await env.DELIVERY_PAYLOADS.delete(key);
}

/** The verified delivery body a message carries, inline or through its stored reference. */
export async function loadPayload(env: Env, message: DeliveryMessage): Promise<Record<string, unknown>> {
  if ("payload" in message) return JSON.parse(utf8.decode(message.payload)) as Record<string, unknown>;
  const stored = await env.DELIVERY_PAYLOADS.get(message.payloadRef);
  if (stored === null) throw new PayloadMissingError(message.payloadRef);
  return JSON.parse(await stored.text()) as Record<string, unknown>;
}

/**
 * Makes the body replayable: an inline body is stored (a failed or dead delivery waits for a retry or an
 * operator) and its key returned; a stored body's key is returned while the body exists, null once it is gone.
 * Only failed deliveries pay for this write. Stored bodies have no expiry: processing or replay deletes them.
 */
export async function keepPayload(env: Env, message: DeliveryMessage): Promise<string | null> {
  if ("payloadRef" in message) return (await env.DELIVERY_PAYLOADS.head(message.payloadRef)) ? message.payloadRef : null;
  return storePayload(env, message.deliveryId, message.payload);
}
