import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyPendingMigrations, MigrationFailure, pendingMigrations } from "../../src/db/apply-migrations";
import { MigrationsPendingError, toResponse } from "../../src/errors";
import { migrationCommand } from "../../src/initialize-on-request";
import { db } from "../fixtures/db";

const tableExists = async (name: string) =>
  (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`))[0]!.n === 1;

describe("applying the bundled migrations", () => {
  it("applies a pending migration once, with its bookkeeping row, even when two runs race", async () => {
    const table = `race_${crypto.randomUUID().slice(0, 8)}`;
    const migration = { name: `9990_${table}.sql`, queries: [`CREATE TABLE ${table} (id integer PRIMARY KEY)`, `INSERT INTO ${table} (id) VALUES (1)`] };
    const runs = await Promise.all([applyPendingMigrations(env.DB, [migration]), applyPendingMigrations(env.DB, [migration])]);
    expect(runs.flat()).toEqual([migration.name]);
    expect(await db.all(sql.raw(`SELECT id FROM ${table}`))).toEqual([{ id: 1 }]);
    expect(await pendingMigrations(env.DB, [migration])).toEqual([]);
    expect(await db.all(sql`SELECT name FROM d1_migrations WHERE name = ${migration.name}`)).toHaveLength(1);
  });

  it("leaves nothing of a migration that fails, and says which one", async () => {
    const table = `broken_${crypto.randomUUID().slice(0, 8)}`;
    const migration = { name: `9991_${table}.sql`, queries: [`CREATE TABLE ${table} (id integer)`, "INSERT INTO no_such_table VALUES (1)"] };
    const error = await applyPendingMigrations(env.DB, [migration]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailure);
    expect((error as MigrationFailure).migration).toBe(migration.name);
    expect(await tableExists(table)).toBe(false);
    expect(await pendingMigrations(env.DB, [migration])).toEqual([migration]);
  });

  it("turns a failure into a 503 naming the command an operator runs", async () => {
    const response = toResponse(new MigrationsPendingError("0008 failed", migrationCommand({ ...env, ENVIRONMENT: "production" } as Env)));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("MIGRATIONS_PENDING");
    expect(body.error.message).toContain("npx wrangler d1 migrations apply DB --remote --env production");
  });
});
