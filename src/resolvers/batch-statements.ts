import type { Database } from "../db/client";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

export type BatchItem = Parameters<Database["batch"]>[0][number];

/**
 * Multi-row inserts of at most `perStatement` rows each. D1 binds at most 100 parameters per statement,
 * and a push with hundreds of commits would otherwise need hundreds of statements in one batch.
 */
export function insertChunks<T extends SQLiteTable>(db: Database, table: T, rows: T["$inferInsert"][], perStatement: number): BatchItem[] {
  const statements: BatchItem[] = [];
  for (let i = 0; i < rows.length; i += perStatement) statements.push(db.insert(table).values(rows.slice(i, i + perStatement)) as BatchItem);
  return statements;
}
