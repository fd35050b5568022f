import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// drizzle-kit separates statements with this marker; D1's prepare() takes one statement at a time.
const BREAKPOINT = "--> statement-breakpoint";

/**
 * Applies migrations/NNNN_*.sql in order, one atomic batch per file, as `wrangler d1 migrations apply` would.
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string} migrationsDir
 * @returns {Promise<string[]>} The files applied.
 */
export async function applyD1Migrations(db, migrationsDir) {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
  for (const file of files) {
    const sql = await readFile(path.join(migrationsDir, file), "utf8");
    const statements = sql
      .split(BREAKPOINT)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      await db.batch(statements.map((s) => db.prepare(s)));
    } catch (error) {
      throw new Error(`Applying ${file} to the Miniflare D1 database failed: ${/** @type {Error} */ (error).message}`);
    }
  }
  return files;
}
