import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { RateLimitedError } from "../errors";

/** The binding's window (wrangler.toml `simple.period`). */
const PERIOD_SECONDS = 60;

/**
 * The caller's address as Cloudflare's edge reports it. The edge overwrites any `cf-connecting-ip` a client
 * sends, so deployed it cannot be forged; locally every caller is the loopback (or "unknown").
 * @see https://developers.cloudflare.com/fundamentals/reference/http-headers/#cf-connecting-ip
 */
export function clientIp(request: Request): string {
  return request.headers.get("cf-connecting-ip") ?? "unknown";
}

/**
 * Charges the caller's address for a request that no actor budget covers: public routes (the webhook and the
 * App's browser flows) and requests whose credential failed. Without it anyone could drive those routes at will.
 */
export async function enforceIpRateLimit(env: Env, request: Request): Promise<void> {
  const { success } = await env.IP_RATE_LIMITER.limit({ key: clientIp(request) });
  if (!success) throw new RateLimitedError(PERIOD_SECONDS);
}

/** The first step of every public route: no actor budget covers it, so the caller's address pays. */
export const chargeCallerAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  await enforceIpRateLimit(c.env, c.req.raw);
  await next();
};
