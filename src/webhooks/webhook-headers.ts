import { AppError, InvalidInputError } from "../errors";
import { deliveryId, eventName } from "../deliveries/message";

export interface WebhookHeaders {
  event: string;
  deliveryId: string;
  signature: string;
}

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
/** GitHub's X-Hub-Signature-256: `sha256=` and 64 lower-case hex digits. */
const SIGNATURE_SHAPE = /^sha256=[0-9a-f]{64}$/;

function required(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (!value) {
    throw new InvalidInputError(`The ${name} header is missing; GitHub sends it with every delivery`, undefined, "MISSING_HEADER", 400);
  }
  return value;
}

/**
 * The delivery's identity from GitHub's headers, refused (400/401/415) before the body is read: a request that
 * cannot be a signed GitHub delivery must not make us read and HMAC up to 25 MB.
 */
export function readWebhookHeaders(headers: Headers): WebhookHeaders {
  const event = eventName.safeParse(required(headers, "x-github-event"));
  const id = deliveryId.safeParse(required(headers, "x-github-delivery"));
  const signature = required(headers, "x-hub-signature-256");
  if (!event.success) throw new InvalidInputError("X-GitHub-Event is not a GitHub event name", undefined, "INVALID_HEADER", 400);
  if (!id.success) throw new InvalidInputError("X-GitHub-Delivery is not a delivery GUID", undefined, "INVALID_HEADER", 400);
  if (!SIGNATURE_SHAPE.test(signature)) {
    throw new AppError(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 must be sha256= and 64 hex digits, as GitHub sends it");
  }
  if (!JSON_TYPE.test(headers.get("content-type") ?? "")) {
    throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Set the App's webhook content type to application/json on GitHub");
  }
  return { event: event.data, deliveryId: id.data, signature };
}
