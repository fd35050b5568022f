import type { SQL } from "drizzle-orm";
import type { Database } from "../db/client";

/** A position in a feed: a commit-ordered number and a tie-breaking id ("" where the number is unique). */
export type FeedKey = readonly [number, string];

export const ORIGIN: FeedKey = [0, ""];

export function compareKeys(a: FeedKey, b: FeedKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** A drizzle query not yet run: awaitable on its own, or one statement of a D1 batch. */
export type PendingRows<Row> = PromiseLike<Row[]> & Parameters<Database["batch"]>[0][number];

/**
 * A table that streams follow in commit order. Every source is read the same way (rows after a key, oldest
 * first), so one poller serves them all and a cursor is always the key of the last row a client has seen.
 */
export interface FeedSource<Row> {
  name: string;
  keyOf(row: Row): FeedKey;
  encode(key: FeedKey): string;
  /** Throws INVALID_CURSOR for anything this source did not encode. */
  decode(cursor: string): FeedKey;
  /** Rows after `after` (and at most through `through`), oldest first, that also meet `where`. */
  after(db: Database, after: FeedKey, limit: number, options?: { through?: FeedKey; where?: SQL[] }): PendingRows<Row>;
  /** The newest key now, ORIGIN for an empty table. */
  newest(db: Database): Promise<FeedKey>;
}
