import { RateLimitedError } from "../errors";
import type { Actor } from "./actor";

/** The binding's window (wrangler.toml `simple.period`); a refused caller may retry after at most this long. */
const PERIOD_SECONDS = 60;

/**
 * Charges the request's budget `units` times with the Workers rate-limit binding (atomic, no KV write per
 * request). The budget is the actor's registrar's when a non-administrator registered it, so children cannot
 * multiply it; GraphQL charges each mutation field of a document, so aliases cannot either.
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
export async function enforceRateLimit(env: Env, actor: Actor, units = 1): Promise<void> {
  // The admin key is the operators' break-glass credential; locking it out would block incident response.
  // Only the key itself: a delegation the admin key issued is an ordinary, budgeted credential.
  if (actor.credential === "admin-key") return;
  for (let i = 0; i < units; i++) {
    const { success } = await env.ACTOR_RATE_LIMITER.limit({ key: actor.budgetOwnerId });
    if (!success) throw new RateLimitedError(PERIOD_SECONDS);
  }
}
