import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env";
import { enforceIpRateLimit } from "../auth/ip-rate-limit";
import { AppError, toResponse } from "../errors";
import { handleWebhook } from "./handle-webhook";
import { readWebhookHeaders } from "./webhook-headers";

/**
 * GitHub caps webhook payloads at 25 MB; a bigger body is not from GitHub. Checked against
 * Content-Length first and, without one, while the body streams in (hono's bodyLimit).
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap
 */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

const limitWebhookBody = bodyLimit({
  maxSize: WEBHOOK_BODY_LIMIT,
  onError: () => {
    throw new AppError(413, "PAYLOAD_TOO_LARGE", `Webhook bodies are limited to ${WEBHOOK_BODY_LIMIT} bytes, as GitHub's are`);
  },
});

/**
 * Headers first: bodyLimit buffers a body sent without Content-Length (chunked) up to the limit before passing it
 * on, so a request that cannot be a signed GitHub delivery is refused before a byte of its body is read.
 */
const requireWebhookHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("webhook", readWebhookHeaders(c.req.raw.headers));
  await next();
};

/**
 * The webhook's address budget: a refused request (headers, signature, size, body) is charged to the caller's
 * address and, past its budget, answers 429 instead; a correctly signed delivery is not charged. The signature is
 * the webhook's credential, as a key is the API's, and failed credentials are what the address budget is for.
 * Charging signed deliveries too would hand that budget to strangers: GitHub sends every App's deliveries from the
 * same few hook addresses, so anyone who points their own repository's webhook here would spend the budget that
 * ours arrive on, and GitHub never retries a delivery that was refused. Charged after the refusal, so the ack of a
 * signed delivery makes no call but the queue's.
 */
const chargeRefusalsToCallerAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // The router's onError has already turned a thrown refusal into c.res; c.error keeps what was thrown.
  const refused = c.error instanceof AppError && c.res.status >= 400 && c.res.status < 500;
  if (!refused) return;
  try {
    await enforceIpRateLimit(c.env, c.req.raw);
  } catch (error) {
    c.res = toResponse(error);
  }
};

/**
 * A browser's preflight for the webhook, refused here, ahead of the global CORS policy: no origin, listed or not,
 * is told it may send the webhook a cross-origin request. GitHub never sends OPTIONS.
 */
const refusePreflight: MiddlewareHandler<AppEnv> = async () => {
  const refused = toResponse(new AppError(405, "METHOD_NOT_ALLOWED", "The webhook takes POST requests from GitHub"));
  refused.headers.set("allow", "POST");
  return refused;
};

/** POST /integrations/github/webhook: public, protected by its signature; refusals are charged to the caller's address. */
export const webhookRoute = new Hono<AppEnv>()
  .post("/webhook", chargeRefusalsToCallerAddress, requireWebhookHeaders, limitWebhookBody, handleWebhook)
  .on("OPTIONS", "/webhook", refusePreflight);
