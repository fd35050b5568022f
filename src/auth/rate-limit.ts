import { RateLimitedError } from "../errors";
import { SYSTEM_ACTOR_ID, type Actor } from "./actor";

/** The binding's window (wrangler.toml `simple.period`); a refused caller may retry after at most this long. */
const PERIOD_SECONDS = 60;

/**
 * Enforces the per-actor request budget with the Workers rate-limit binding (atomic, no KV write per request).
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
export async function enforceRateLimit(env: Env, actor: Actor): Promise<void> {
  // The admin key is the operators' break-glass credential; locking it out would block incident response.
  if (actor.id === SYSTEM_ACTOR_ID) return;
  const { success } = await env.ACTOR_RATE_LIMITER.limit({ key: actor.id });
  if (!success) throw new RateLimitedError(PERIOD_SECONDS);
}
