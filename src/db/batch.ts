import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";

/** One statement of a D1 batch. */
export type BatchItem = Parameters<Database["batch"]>[0][number];

/**
 * Runs an entity write, its DNA record and its Chronicle event as one D1 batch, which D1 runs as one
 * transaction: all of it commits or none of it does. `explain` turns known constraint failures into AppErrors.
 */
export async function atomicBatch(db: Database, statements: BatchItem[], explain: (error: unknown) => Error | undefined = () => undefined): Promise<void> {
  try {
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (error) {
    throw explain(error) ?? error;
  }
}

/**
 * Multi-row inserts of at most `perStatement` rows each. D1 binds at most 100 parameters per statement,
 * and a push with hundreds of commits would otherwise need hundreds of statements in one batch.
 */
export function insertChunks<T extends SQLiteTable>(db: Database, table: T, rows: T["$inferInsert"][], perStatement: number): BatchItem[] {
  const statements: BatchItem[] = [];
  for (let i = 0; i < rows.length; i += perStatement) statements.push(db.insert(table).values(rows.slice(i, i + perStatement)) as BatchItem);
  return statements;
}
