import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { enforceIpRateLimit } from "../auth/ip-rate-limit";
import { yoga } from "../yoga";

/**
 * A browser's GET of /graphql in development is GraphiQL's page (Yoga renders it for Accept: text/html), reloads
 * of /graphql?query=… included: static HTML, public like any page, charged to the caller's address. Every query
 * the page then sends carries a credential like any other client's; anything else passes on to authentication.
 */
export const serveGraphiqlPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  const isPage = c.env.ENVIRONMENT === "development" && (c.req.header("accept") ?? "").includes("text/html");
  if (!isPage) return next();
  await enforceIpRateLimit(c.env, c.req.raw);
  return yoga.fetch(c.req.raw, { env: c.env });
};
