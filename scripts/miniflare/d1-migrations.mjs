import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// drizzle-kit separates statements with this marker; D1's prepare() takes one statement at a time.
const BREAKPOINT = "--> statement-breakpoint";

// wrangler's bookkeeping table, word for word (src/db/apply-migrations.ts creates the same): the Worker applies
// pending migrations itself on its first request, so whoever migrates first must record what ran.
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS d1_migrations(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);`;

/**
 * Applies migrations/NNNN_*.sql in order, one atomic batch per file with its `d1_migrations` row, skipping those
 * already recorded, as `wrangler d1 migrations apply` would.
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string} migrationsDir
 * @returns {Promise<string[]>} The files applied.
 */
export async function applyD1Migrations(db, migrationsDir) {
  await db.prepare(BOOKKEEPING).run();
  const applied = new Set((await db.prepare("SELECT name FROM d1_migrations").all()).results.map((r) => r.name));
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql") && !applied.has(f)).sort();
  for (const file of files) {
    const sql = await readFile(path.join(migrationsDir, file), "utf8");
    const statements = sql
      .split(BREAKPOINT)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await db.batch([...statements.map((s) => db.prepare(s)), db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file)]);
    } catch (error) {
      throw new Error(`Applying ${file} to the Miniflare D1 database failed: ${/** @type {Error} */ (error).message}`);
    }
  }
  return files;
}
