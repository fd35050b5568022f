import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env";
import { chargeCallerAddress } from "../auth/ip-rate-limit";
import { AppError } from "../errors";
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

/** POST /integrations/github/webhook: public, protected by its signature, charged to the caller's address. */
export const webhookRoute = new Hono<AppEnv>().post("/webhook", chargeCallerAddress, requireWebhookHeaders, limitWebhookBody, handleWebhook);
