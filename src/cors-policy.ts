import type { Context } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app-env";

/** The origins CORS_ALLOWED_ORIGINS lists (comma-separated `scheme://host[:port]`); empty or unset lists none. */
export const allowedOrigins = (setting: string | undefined): string[] =>
  (setting ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);

/**
 * The whole router's CORS policy: only listed origins may read answers, and never with credentials, since
 * clients authenticate with an explicit bearer key, not cookies. Preflights are answered before authentication.
 */
export const corsPolicy = cors({
  origin: (origin, c: Context<AppEnv>) => (allowedOrigins(c.env.CORS_ALLOWED_ORIGINS).includes(origin) ? origin : null),
  allowMethods: ["GET", "POST", "PATCH", "DELETE"],
  allowHeaders: ["authorization", "content-type", "accept", "x-graphql-yoga-csrf"],
  exposeHeaders: ["retry-after"],
  maxAge: 600,
  credentials: false,
});
