import { getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import pkg from "../package.json" with { type: "json" };
import { createDatabase } from "./db/client";
import * as tables from "./db/schema";
import { ecosystemModes } from "./ecosystem/services";

const expectedTables = Object.values(tables)
  .filter((t) => is(t, SQLiteTable))
  .map((t) => getTableName(t as SQLiteTable));

/** Health report: D1 is "migrated" when every table of src/db/schema.ts exists. */
export async function checkHealth(env: Env) {
  let database: { reachable: boolean; migrated: boolean; missingTables?: string[] };
  try {
    const rows = await createDatabase(env.DB).all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`);
    const present = new Set(rows.map((r) => r.name));
    const missingTables = expectedTables.filter((t) => !present.has(t));
    database = { reachable: true, migrated: missingTables.length === 0, ...(missingTables.length ? { missingTables } : {}) };
  } catch {
    database = { reachable: false, migrated: false };
  }
  const ok = database.reachable && database.migrated;
  return {
    status: ok ? ("ok" as const) : ("degraded" as const),
    version: pkg.version,
    environment: env.ENVIRONMENT,
    database,
    ecosystem: ecosystemModes(),
  };
}
