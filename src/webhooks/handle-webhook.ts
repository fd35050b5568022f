import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { summarizeDelivery } from "../deliveries/delivery-summary";
import { enqueueDelivery } from "../deliveries/enqueue";
import { isHandledEvent } from "../deliveries/handled-events";
import { deliveryMeta } from "../deliveries/message";
import { AppError, InvalidInputError } from "../errors";
import { verifySignature } from "./verify-signature";

// fatal: bytes that are not UTF-8 cannot be JSON from GitHub; ignoreBOM: keep every byte the signature covers.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidInputError("The body is not valid JSON", undefined, "INVALID_JSON", 400);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidInputError("The body must be a JSON object, as GitHub sends", undefined, "INVALID_JSON", 400);
  }
  return value as Record<string, unknown>;
}

/**
 * POST /integrations/github/webhook: headers (already checked), verify the raw bytes, enqueue, answer 202. No D1
 * call: the answer depends only on the queue, and the consumer claims each delivery exactly once. GitHub abandons a
 * delivery that gets no answer in 10 s and never retries it on its own. Nothing is stored before the signature
 * holds, and an unverified body is never logged.
 * @see https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks
 */
export async function handleWebhook(c: Context<AppEnv>): Promise<Response> {
  const env = c.env;
  const { event, deliveryId, signature } = c.get("webhook");
  if (!env.GITHUB_WEBHOOK_SECRET) {
    throw new AppError(503, "WEBHOOK_NOT_CONFIGURED", "GITHUB_WEBHOOK_SECRET is not set; store the App's webhook secret");
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InvalidInputError("The body is not UTF-8 text", undefined, "INVALID_ENCODING", 400);
  }
  if (!(await verifySignature(env.GITHUB_WEBHOOK_SECRET, text, signature))) {
    throw new AppError(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 does not match the body; verify that the webhook secret matches GITHUB_WEBHOOK_SECRET");
  }
  const { action, installationId } = summarizeDelivery(parseObject(text));
  // A ping (or any event the App does not handle) has nothing to process: it is answered and not kept.
  if (!isHandledEvent(event)) return c.json({ deliveryId, status: "ignored" }, event === "ping" ? 200 : 202);
  try {
    await enqueueDelivery(env, deliveryMeta({ deliveryId, event, action, installationId }), { bytes });
  } catch (error) {
    console.error("webhook enqueue failed; nothing was kept", { deliveryId, event, error: String(error) });
    throw new AppError(503, "ENQUEUE_FAILED", "The delivery could not be queued; redeliver it from the App's advanced settings on GitHub", { cause: error });
  }
  return c.json({ deliveryId, status: "queued" }, 202);
}
