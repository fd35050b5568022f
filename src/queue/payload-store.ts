import { payloadKey } from "../webhooks/enqueue-delivery";
import type { DeliveryMessage } from "./messages";

const utf8 = new TextDecoder();

/** The verified delivery body a message carries, inline or through its CHITTYCONNECT_KV reference. */
export async function loadPayload(env: Env, message: DeliveryMessage): Promise<Record<string, unknown>> {
  if ("payload" in message) return JSON.parse(utf8.decode(message.payload)) as Record<string, unknown>;
  const stored = await env.CHITTYCONNECT_KV.get(message.payloadRef, "text");
  if (stored === null) throw new Error(`payload ${message.payloadRef} is missing from CHITTYCONNECT_KV (expired?)`);
  return JSON.parse(stored) as Record<string, unknown>;
}

/**
 * Makes the body replayable: an inline body is written to CHITTYCONNECT_KV (without expiry, since a dead
 * letter waits for an operator) and its key returned. Only failed deliveries pay for this write.
 */
export async function keepPayload(env: Env, message: DeliveryMessage): Promise<string> {
  if ("payloadRef" in message) return message.payloadRef;
  const key = payloadKey(message.deliveryId);
  await env.CHITTYCONNECT_KV.put(key, message.payload);
  return key;
}

/** A dead letter's body outlives the 7-day expiry of referenced bodies, until an operator replays it. */
export async function keepPayloadForever(env: Env, message: DeliveryMessage): Promise<string | null> {
  if ("payload" in message) return keepPayload(env, message);
  const stored = await env.CHITTYCONNECT_KV.get(message.payloadRef, "arrayBuffer");
  if (stored === null) return null;
  await env.CHITTYCONNECT_KV.put(message.payloadRef, stored);
  return message.payloadRef;
}
