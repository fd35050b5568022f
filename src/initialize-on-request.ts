import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { autoMigrateEnabled, ensureMigrated } from "./db/apply-migrations";
import { createDatabase } from "./db/client";
import { ecosystemCallOptions } from "./ecosystem/context-ops";
import { MigrationsPendingError } from "./errors";
import { initializeGateway } from "./resolvers/initialization";

// Per isolate and per database: once initialization is complete, no request pays for checking again.
const initialization = new WeakMap<D1Database, { complete: boolean; nextCheckAt: number }>();
/** While a run may be under way, how long an isolate leaves initialization alone before looking again. */
const RECHECK_MS = 30_000;

/** What an operator runs when the Worker cannot migrate D1 itself (it also shows D1's own error). */
export function migrationCommand(env: Env): string {
  const environment = env.ENVIRONMENT === "staging" || env.ENVIRONMENT === "production" ? ` --env ${env.ENVIRONMENT}` : "";
  return `npx wrangler d1 migrations apply DB --remote${environment}${environment ? "" : " (or --local for wrangler dev)"}`;
}

/**
 * The first request of an isolate brings D1 up to the bundled schema (blocking: nothing works without it), then
 * starts the service context's initialization after the response (non-blocking). A migration that fails
 * answers 503 with the command to run, on every request, until one succeeds.
 */
export const initializeOnRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const d1 = c.env.DB;
  if (!autoMigrateEnabled(c.env)) return next();
  try {
    await ensureMigrated(c.env);
  } catch (error) {
    console.error("automatic migration failed", error);
    throw new MigrationsPendingError(error instanceof Error ? error.message : String(error), migrationCommand(c.env), error);
  }
  const state = initialization.get(d1);
  const now = Date.now();
  if (!state || (!state.complete && now >= state.nextCheckAt)) {
    initialization.set(d1, { complete: false, nextCheckAt: now + RECHECK_MS });
    c.executionCtx.waitUntil(initializeServiceContext(c.env, d1, new URL(c.req.url).origin, (p) => c.executionCtx.waitUntil(p)));
  }
  return next();
};

async function initializeServiceContext(env: Env, d1: D1Database, origin: string, waitUntil: (p: Promise<unknown>) => void): Promise<void> {
  try {
    const status = await initializeGateway(env, createDatabase(d1), origin, { ...ecosystemCallOptions(env, { waitUntil }), waitUntil });
    initialization.set(d1, { complete: status.status === "complete", nextCheckAt: Math.max(Date.now() + 1000, status.nextAttemptAt ?? Date.now() + RECHECK_MS) });
  } catch (error) {
    console.error("service context initialization could not run", error);
  }
}
