import { z } from "zod";

/** X-GitHub-Delivery is a GUID; anything outside this shape is refused before it becomes a key. */
export const deliveryId = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be a GitHub delivery GUID");
/** X-GitHub-Event names are lower-case words joined by underscores (`pull_request`). */
export const eventName = z.string().regex(/^[a-z_]{1,64}$/, "must be a GitHub event name");

const delivery = {
  kind: z.literal("github.delivery"),
  deliveryId,
  event: eventName,
  // Read from the payload by the consumer; the webhook no longer sends them (its ack does not parse the body), but
  // replay does, and messages sent before that change may still be queued.
  action: z.string().max(100).optional(),
  installationId: z.number().int().positive().optional(),
};

/**
 * An EVENT_Q message: one verified GitHub delivery. The body travels inline as the exact signed bytes
 * when it fits; larger bodies (push payloads can exceed the 128 KB message limit) sit in the
 * DELIVERY_PAYLOADS bucket and the message carries their key. Bytes, not a string: V8 serializes a string with
 * one non-Latin-1 character at two bytes per character, which would make the message size unpredictable.
 */
export const deliveryMessage = z.union([
  z.strictObject({ ...delivery, payload: z.instanceof(Uint8Array) }),
  z.strictObject({ ...delivery, payloadRef: z.string().min(1) }),
]);
export type DeliveryMessage = z.infer<typeof deliveryMessage>;
export type DeliveryMeta = Omit<DeliveryMessage, "payload" | "payloadRef">;

/** The delivery fields of a message, from what the webhook or a stored delivery row knows. */
export function deliveryMeta(fields: { deliveryId: string; event: string; action?: string | null; installationId?: number | null }): DeliveryMeta {
  const { deliveryId, event, action, installationId } = fields;
  return { kind: "github.delivery", deliveryId, event, ...(action ? { action } : {}), ...(installationId ? { installationId } : {}) };
}

/** A message's delivery fields without its body. */
export function metaOf(message: DeliveryMessage): DeliveryMeta {
  return deliveryMeta(message);
}
