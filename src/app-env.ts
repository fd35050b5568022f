import type { RequestContext } from "./context";
import type { WebhookHeaders } from "./webhooks/webhook-headers";

/** Hono's typing of our app: the Worker env as bindings, and the per-request context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    ctx: RequestContext;
    /** The webhook's checked GitHub headers, set before its body is read. */
    webhook: WebhookHeaders;
  };
}
