import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = DrizzleD1Database<typeof schema>;

/** Wraps the D1 binding in drizzle; cheap enough to call once per request. */
export function createDatabase(d1: D1Database): Database {
  return drizzle(d1, { schema });
}

/** True when D1 refused a write because of a UNIQUE index (the message is SQLite's own). */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const text = errorText(error);
  return text.includes("UNIQUE constraint failed") && (index === undefined || text.includes(index));
}

/** True when D1 refused a write because a NOT NULL column got NULL, e.g. from a guarding subquery. */
export function isNotNullViolation(error: unknown, column: string): boolean {
  return errorText(error).includes(`NOT NULL constraint failed: ${column}`);
}

function errorText(error: unknown): string {
  let text = "";
  for (let e: unknown = error; e instanceof Error; e = e.cause) text += ` ${e.message}`;
  return text;
}
