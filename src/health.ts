import { getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import pkg from "../package.json" with { type: "json" };
import { pendingMigrations } from "./db/apply-migrations";
import { createDatabase } from "./db/client";
import * as tables from "./db/schema";
import { initializationStatus, type InitializationStatus } from "./ecosystem/initialization/initialization-status";
import { outboxStatus, type OutboxStatus } from "./ecosystem/outbox/outbox-status";
import { serviceStatuses } from "./ecosystem/service-status";

const expectedTables = Object.values(tables)
  .filter((t) => is(t, SQLiteTable))
  .map((t) => getTableName(t as SQLiteTable));

type Database = { reachable: boolean; migrated: boolean; missingTables?: string[]; pendingMigrations?: string[] };

/**
 * Health report. `status` is "ok" when D1 is reachable and migrated (every bundled migration recorded, every table
 * of src/db/schema.ts present); ChittyOS services are best effort, so a degraded one shows here but never makes
 * the gateway unhealthy. Nothing here calls a ChittyOS service: their state is what this isolate's calls learned.
 */
export async function checkHealth(env: Env) {
  const db = createDatabase(env.DB);
  let database: Database;
  try {
    const rows = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`);
    const present = new Set(rows.map((r) => r.name));
    const missingTables = expectedTables.filter((t) => !present.has(t));
    const pending = present.has("d1_migrations") ? (await pendingMigrations(env.DB)).map((m) => m.name) : ["(none applied)"];
    database = {
      reachable: true,
      migrated: missingTables.length === 0 && pending.length === 0,
      ...(missingTables.length ? { missingTables } : {}),
      ...(pending.length ? { pendingMigrations: pending } : {}),
    };
  } catch {
    database = { reachable: false, migrated: false };
  }
  const ok = database.reachable && database.migrated;
  const services = await serviceStatuses(env);
  // Without the tables, the outbox and initialization have nothing to report; their absence is database's story.
  let outbox: OutboxStatus | null = null;
  let initialization: InitializationStatus | null = null;
  if (ok) [outbox, initialization] = await Promise.all([outboxStatus(db), initializationStatus(db)]);
  return {
    status: ok ? ("ok" as const) : ("degraded" as const),
    version: pkg.version,
    environment: env.ENVIRONMENT,
    database,
    ecosystem: {
      services: Object.fromEntries(
        Object.entries(services).map(([name, s]) => [name, { mode: s.mode, healthy: s.healthy, circuit: s.circuit, ...(s.configError ? { configError: s.configError } : {}) }]),
      ),
      outbox,
    },
    initialization: initialization && {
      status: initialization.status,
      steps: initialization.steps,
    },
  };
}
