import type { MiddlewareHandler } from "hono";
import { authenticateCredential, bearerCredential } from "./authenticate";
import { tallyAuthFailure } from "./failure-tally";
import { enforceIpRateLimit } from "./ip-rate-limit";
import { enforceRateLimit } from "./rate-limit";
import { touchSession } from "./session";
import { createRequestContext } from "../context";
import { createDatabase } from "../db/client";
import { UnauthorizedError } from "../errors";
import type { AppEnv } from "../app-env";

/**
 * Resolves the caller once per request (credential → actor → rate limit) and stores the RequestContext. Every
 * route the router mounts after this middleware is authenticated; public ones are mounted before it. A failed
 * credential draws on the caller's address budget instead of an actor's; failures are answered 401/429 before
 * any route runs and counted per minute, never written one row each.
 */
export const authenticateRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = createDatabase(c.env.DB);
  const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
  let actor;
  try {
    actor = await authenticateCredential(bearerCredential(c.req.raw), c.env, db);
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      // Over its address budget, a caller gets 429 and costs nothing more; under it, one counter bump.
      await enforceIpRateLimit(c.env, c.req.raw);
      waitUntil(tallyAuthFailure(db, { ...error.audit, method: c.req.method, path: c.req.path }));
    }
    throw error;
  }
  await enforceRateLimit(c.env, actor);
  const session = touchSession(db, actor);
  if (session) waitUntil(session);
  c.set("ctx", createRequestContext({ env: c.env, db, actor, request: c.req.raw, waitUntil }));
  return next();
};
