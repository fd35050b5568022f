import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { enqueueDelivery } from "../deliveries/enqueue";
import { isHandledEvent } from "../deliveries/handled-events";
import { deliveryMeta } from "../deliveries/message";
import { AppError, InvalidInputError } from "../errors";
import { verifySignature } from "./verify-signature";

// fatal: bytes that are not UTF-8 cannot be JSON from GitHub; ignoreBOM: keep every byte the signature covers.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether the body can be a JSON object, from its first and last non-blank bytes. The ack does not parse the body
 * (the consumer does, and a 25 MB push would cost the ack ~100 ms): this catches a truncated body or a JSON array
 * at no cost, and a signed body that still fails to parse is recorded by the consumer as failed, and dead-lettered.
 */
function looksLikeJsonObject(bytes: Uint8Array): boolean {
  let first = 0;
  let last = bytes.length - 1;
  while (first <= last && WHITESPACE.has(bytes[first]!)) first++;
  while (last >= first && WHITESPACE.has(bytes[last]!)) last--;
  return first < last && bytes[first] === OPEN_BRACE && bytes[last] === CLOSE_BRACE;
}

/**
 * POST /integrations/github/webhook: headers (already checked), verify the raw bytes, enqueue, answer 202. No D1
 * call and no parse: the answer depends only on the queue, and the consumer parses the body and claims each
 * delivery exactly once. GitHub abandons a
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
  if (!looksLikeJsonObject(bytes)) {
    throw new InvalidInputError("The body must be a JSON object, as GitHub sends", undefined, "INVALID_JSON", 400);
  }
  // A ping (or any event the App does not handle) has nothing to process: it is answered and not kept.
  if (!isHandledEvent(event)) return c.json({ deliveryId, status: "ignored" }, event === "ping" ? 200 : 202);
  try {
    await enqueueDelivery(env, deliveryMeta({ deliveryId, event }), { bytes });
  } catch (error) {
    console.error("webhook enqueue failed; nothing was kept", { deliveryId, event, error: String(error) });
    throw new AppError(503, "ENQUEUE_FAILED", "The delivery could not be queued; redeliver it from the App's advanced settings on GitHub", { cause: error });
  }
  return c.json({ deliveryId, status: "queued" }, 202);
}
