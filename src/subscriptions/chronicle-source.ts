import { and, asc, desc, gt, lte } from "drizzle-orm";
import { chronicleEvents, type ChronicleEventRow } from "../db/schema";
import { decodeCursor, encodeCursor } from "../db/pagination";
import { ORIGIN, type FeedSource } from "./feed-source";

const isSeqKey = (key: unknown[]): key is [number] => key.length === 1 && Number.isSafeInteger(key[0]);

/**
 * Chronicle events by `seq`. AUTOINCREMENT under D1's single writer hands out seq in commit order, so a reader
 * that has seen seq N has seen everything below it. Cursors are the timeline's own (`[seq]`), so a
 * Query.timeline cursor resumes a stream and a stream's cursor pages the query.
 */
export const chronicleSource: FeedSource<ChronicleEventRow> = {
  name: "chronicle",
  keyOf: (row) => [row.seq, ""],
  encode: (key) => encodeCursor([key[0]]),
  decode: (cursor) => [decodeCursor(cursor, isSeqKey)[0], ""],
  after: (db, after, limit, options = {}) =>
    db
      .select()
      .from(chronicleEvents)
      .where(and(gt(chronicleEvents.seq, after[0]), options.through ? lte(chronicleEvents.seq, options.through[0]) : undefined, ...(options.where ?? [])))
      .orderBy(asc(chronicleEvents.seq))
      .limit(limit),
  newest: async (db) => {
    const [row] = await db.select({ seq: chronicleEvents.seq }).from(chronicleEvents).orderBy(desc(chronicleEvents.seq)).limit(1);
    return row ? [row.seq, ""] : ORIGIN;
  },
};
