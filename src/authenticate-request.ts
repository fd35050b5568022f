import type { MiddlewareHandler } from "hono";
import { authenticateCredential, bearerCredential } from "./auth/authenticate";
import { recheckCredential } from "./auth/credential-recheck";
import { tallyAuthFailure } from "./auth/failure-tally";
import { enforceIpRateLimit } from "./auth/ip-rate-limit";
import { enforceRateLimit } from "./auth/rate-limit";
import { touchSession } from "./auth/session";
import { createRequestContext } from "./context";
import { createDatabase } from "./db/client";
import { UnauthorizedError } from "./errors";
import type { AppEnv } from "./rest/app-env";
import { GITHUB_PUBLIC_ROUTES } from "./webhooks/github-routes";

/** Routes that answer without a bearer credential; everything else is authenticated first. */
export const PUBLIC_ROUTES = new Set(["GET /health", ...GITHUB_PUBLIC_ROUTES]);

function isGraphiqlPage(request: Request, env: Env): boolean {
  // The GraphiQL page is static HTML; every query it sends carries a credential like any other client.
  // Any browser GET of /graphql is the page (Yoga renders it for Accept: text/html on the same terms),
  // including a reload of /graphql?query=…, which GraphiQL puts in the address bar.
  const url = new URL(request.url);
  return (
    env.ENVIRONMENT === "development" &&
    request.method === "GET" &&
    url.pathname === "/graphql" &&
    (request.headers.get("accept") ?? "").includes("text/html")
  );
}

/**
 * Resolves the caller once per request (credential → actor → rate limit) and stores the RequestContext.
 * Public routes and failed credentials draw on the caller's address budget instead of an actor's; failures are
 * answered 401/429 before any route runs and counted per minute, never written one row each.
 */
export const authenticateRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (PUBLIC_ROUTES.has(`${c.req.method} ${c.req.path}`) || isGraphiqlPage(c.req.raw, c.env)) {
    await enforceIpRateLimit(c.env, c.req.raw);
    return next();
  }
  const db = createDatabase(c.env.DB);
  const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
  let credential: string;
  let actor;
  try {
    credential = bearerCredential(c.req.raw);
    actor = await authenticateCredential(credential, c.env, db);
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
  const reauthenticate = (maxAgeMs: number) => recheckCredential(c.env, db, credential, maxAgeMs);
  c.set("ctx", createRequestContext({ env: c.env, db, actor, request: c.req.raw, waitUntil, reauthenticate }));
  return next();
};
