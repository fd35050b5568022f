import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { InvalidInputError } from "../errors";
import { LIMITS } from "../limits";

/** One page of a keyset-paginated list; REST returns it as is and GraphQL wraps it as a Relay connection. */
export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last row they saw. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return btoa(JSON.stringify(key)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

export function decodeCursor<T extends readonly (string | number)[]>(
  cursor: string,
  check: (key: unknown[]) => key is [...T],
): T {
  try {
    const key: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
    if (Array.isArray(key) && check(key)) return key as unknown as T;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError("The cursor is not valid; use a cursor this API returned", undefined, "INVALID_CURSOR", 400);
}

export function pageLimit(first: number | null | undefined): number {
  return first ?? LIMITS.defaultPageSize;
}

/** Turns `limit + 1` fetched rows into a page, using the extra row only to learn whether more exist. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const cursors = items.map((row) => encodeCursor(keyOf(row)));
  return { items, cursors, hasNextPage: rows.length > limit, endCursor: cursors.at(-1) ?? null };
}

const isTimeIdKey = (key: unknown[]): key is [number, string] =>
  key.length === 2 && Number.isSafeInteger(key[0]) && typeof key[1] === "string";

/**
 * For lists ordered newest first on (time, id): the rows after the cursor's row. The id breaks ties
 * between rows of the same millisecond, so no row is skipped or repeated across pages.
 */
export function afterTimeIdCursor(time: SQLiteColumn, id: SQLiteColumn, cursor: string): SQL {
  const [t, i] = decodeCursor(cursor, isTimeIdKey);
  return or(lt(time, t), and(eq(time, t), lt(id, i)))!;
}

/** The ordering that `afterTimeIdCursor` pages through. */
export const newestFirst = (time: SQLiteColumn, id: SQLiteColumn) => [desc(time), desc(id)] as const;
