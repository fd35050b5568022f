import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { applyPendingMigrations } from "./db/apply-migrations";
import { createDatabase } from "./db/client";
import { ecosystemCallOptions } from "./ecosystem/context-ops";
import { MigrationsPendingError } from "./errors";
import { initializeGateway } from "./resolvers/initialization";

// Per isolate and per database: once D1 is known to be migrated (or initialization complete), no request pays
// for checking again. Keyed by the binding, since tests and variants serve several databases from one isolate.
const migrated = new WeakSet<D1Database>();
const initialization = new WeakMap<D1Database, { complete: boolean; nextCheckAt: number }>();
/** While a run may be under way, how long an isolate leaves initialization alone before looking again. */
const RECHECK_MS = 30_000;

/** What an operator runs when the Worker cannot migrate D1 itself (it also shows D1's own error). */
export function migrationCommand(env: Env): string {
  const environment = env.ENVIRONMENT === "staging" || env.ENVIRONMENT === "production" ? ` --env ${env.ENVIRONMENT}` : "";
  return `npx wrangler d1 migrations apply DB --remote${environment}${environment ? "" : " (or --local for wrangler dev)"}`;
}

/**
 * Whether the Worker applies pending migrations itself: on unless `CHITTYCONNECT_AUTO_MIGRATE` is "false", for
 * operators who migrate with wrangler only (and the bundle tests' deliberately unmigrated databases).
 */
function autoMigrate(env: Env): boolean {
  return (env as { CHITTYCONNECT_AUTO_MIGRATE?: string }).CHITTYCONNECT_AUTO_MIGRATE?.trim().toLowerCase() !== "false";
}

/**
 * The first request of an isolate brings D1 up to the bundled schema (blocking: nothing works without it), then
 * starts the service context's initialization after the response (non-blocking). A migration that fails
 * answers 503 with the command to run, on every request, until one succeeds.
 */
export const initializeOnRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const d1 = c.env.DB;
  if (!autoMigrate(c.env)) return next();
  if (!migrated.has(d1)) {
    try {
      await applyPendingMigrations(d1);
    } catch (error) {
      console.error("automatic migration failed", error);
      throw new MigrationsPendingError(error instanceof Error ? error.message : String(error), migrationCommand(c.env), error);
    }
    migrated.add(d1);
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
