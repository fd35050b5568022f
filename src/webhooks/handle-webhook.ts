import type { Context } from "hono";
import { createDatabase } from "../db/client";
import { AppError, InvalidInputError } from "../errors";
import type { DeliveryMeta } from "../queue/messages";
import { claimDelivery, releaseDelivery, seenRecently } from "../resolvers/delivery";
import type { AppEnv } from "../rest/app-env";
import { HANDLED_EVENTS, summarizeDelivery } from "./delivery-summary";
import { enqueueDelivery, payloadRefFor } from "./enqueue-delivery";
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
 * POST /integrations/github/webhook: verify the raw bytes, claim the delivery once, enqueue, answer.
 * Everything else happens in the queue consumer, because GitHub abandons a delivery after 10 s.
 * Nothing is stored before the signature holds, and an unverified body is never logged.
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
  const summary = summarizeDelivery(parseObject(text));
  const handled = HANDLED_EVENTS.has(event);
  const status = handled ? "queued" : "ignored";
  // 202: accepted for processing. A ping or a repeat has nothing left to process, so it gets 200.
  const answer = (result: string) => c.json({ deliveryId, status: result }, event === "ping" || result === "duplicate" ? 200 : 202);

  if (await seenRecently(env, deliveryId)) return answer("duplicate");
  const db = createDatabase(env.DB);
  const payloadRef = handled ? payloadRefFor(deliveryId, bytes) : null;
  if (!(await claimDelivery(db, { deliveryId, event, ...summary, status, payloadRef }))) return answer("duplicate");

  if (handled) {
    const meta: DeliveryMeta = {
      kind: "github.delivery",
      deliveryId,
      event,
      ...(summary.action ? { action: summary.action } : {}),
      ...(summary.installationId ? { installationId: summary.installationId } : {}),
    };
    try {
      await enqueueDelivery(env, meta, bytes, payloadRef);
    } catch (error) {
      // Without a message the claim would swallow GitHub's redelivery, so it is given back before answering.
      await releaseDelivery(db, deliveryId).catch((releaseError: unknown) =>
        console.error("webhook claim could not be released", { deliveryId, error: String(releaseError) }),
      );
      if (payloadRef) c.executionCtx.waitUntil(env.CHITTYCONNECT_KV.delete(payloadRef));
      console.error("webhook enqueue failed; claim released", { deliveryId, event, error: String(error) });
      throw new AppError(503, "ENQUEUE_FAILED", "The delivery could not be queued; redeliver it from the App's advanced settings on GitHub", { cause: error });
    }
  }
  // The IDEMP_KV marker is written by the queue consumer, not here: D1 already holds the claim, and KV
  // writes fired from waitUntil under load queue up behind the acks (docs/benchmarks.md, "Webhook ack").
  return answer(status);
}
