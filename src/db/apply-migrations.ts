import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/d1";
import type { BatchItem } from "./batch";
import { MIGRATIONS } from "./generated/migrations";

/**
 * wrangler's own bookkeeping table (`wrangler d1 migrations apply`), so that the Worker and wrangler agree about
 * what has run. Declared here rather than in schema.ts: drizzle-kit must never generate a migration for it.
 */
const d1Migrations = sqliteTable("d1_migrations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").unique(),
  // wrangler's column is NOT NULL DEFAULT CURRENT_TIMESTAMP; declared so drizzle lets D1 fill it rather than send null.
  appliedAt: text("applied_at").notNull().default(sql`CURRENT_TIMESTAMP`),
});

// Word for word what wrangler (and vitest-pool-workers' applyD1Migrations) creates, so either may come first.
const CREATE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;

export interface Migration {
  name: string;
  queries: readonly string[];
}

/** The bundled migrations that D1's bookkeeping (which must exist) does not list yet, in order. Reads only. */
export async function pendingMigrations(d1: D1Database, migrations: readonly Migration[] = MIGRATIONS): Promise<Migration[]> {
  const db = drizzle(d1);
  const applied = new Set((await db.select({ name: d1Migrations.name }).from(d1Migrations)).map((r) => r.name));
  return migrations.filter((m) => !applied.has(m.name));
}

/**
 * Applies every pending migration, each with its bookkeeping row as one D1 batch (one transaction): of two
 * isolates racing, the second's batch fails on the UNIQUE name (or on its DDL) and rolls back whole, and it then
 * finds nothing left to do. Returns the names it applied.
 */
export async function applyPendingMigrations(d1: D1Database, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const db = drizzle(d1);
  await db.run(sql.raw(CREATE_BOOKKEEPING));
  const applied: string[] = [];
  for (const migration of await pendingMigrations(d1, migrations)) {
    const statements: BatchItem[] = [
      ...migration.queries.map((query) => db.run(sql.raw(query)) as unknown as BatchItem),
      db.insert(d1Migrations).values({ name: migration.name }) as unknown as BatchItem,
    ];
    try {
      await db.batch(statements as [BatchItem, ...BatchItem[]]);
      applied.push(migration.name);
    } catch (error) {
      // Another isolate may have applied it in the meantime; only a migration still pending is a failure.
      const still = await pendingMigrations(d1, [migration]);
      if (still.length > 0) throw new MigrationFailure(migration.name, error);
    }
  }
  return applied;
}

/** A bundled migration D1 refused; the caller turns it into a 503 that names the command to run. */
export class MigrationFailure extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MigrationFailure";
  }
}

// Per isolate and per database: once D1 is known to be migrated, nothing pays for checking again. Keyed by the
// binding, since tests and variants serve several databases from one isolate.
const migrated = new WeakSet<D1Database>();

/**
 * Whether the Worker applies pending migrations itself: on unless `CHITTYCONNECT_AUTO_MIGRATE` is "false", for
 * operators who migrate with wrangler only (and the bundle tests' deliberately unmigrated databases).
 */
export function autoMigrateEnabled(env: Env): boolean {
  return (env as { CHITTYCONNECT_AUTO_MIGRATE?: string }).CHITTYCONNECT_AUTO_MIGRATE?.trim().toLowerCase() !== "false";
}

/**
 * Brings D1 up to the bundled schema once per isolate (a no-op when auto-migration is off). Every entry that
 * reads D1 calls it first: requests, queue batches and cron alike, since any of them may be an isolate's first.
 * Throws MigrationFailure when D1 refuses a migration.
 */
export async function ensureMigrated(env: Env): Promise<void> {
  if (!autoMigrateEnabled(env) || migrated.has(env.DB)) return;
  await applyPendingMigrations(env.DB);
  migrated.add(env.DB);
}
