import { and, asc, desc, eq, gt, isNotNull, lt, lte, or, type SQL } from "drizzle-orm";
import { webhookDeliveries, type WebhookDeliveryRow } from "../db/schema";
import { decodeCursor, encodeCursor } from "../db/pagination";
import { ORIGIN, type FeedKey, type FeedSource } from "./feed-source";

const t = webhookDeliveries;
const isChangeKey = (key: unknown[]): key is [number, string] => key.length === 2 && Number.isSafeInteger(key[0]) && typeof key[1] === "string";

const beyond = (key: FeedKey): SQL => or(gt(t.changeSeq, key[0]), and(eq(t.changeSeq, key[0]), gt(t.deliveryId, key[1])))!;
const upTo = (key: FeedKey): SQL => or(lt(t.changeSeq, key[0]), and(eq(t.changeSeq, key[0]), lte(t.deliveryId, key[1])))!;

/**
 * Webhook deliveries by their last change (`change_seq`, then the delivery id for rows one statement changed
 * together). A delivery appears again each time its status changes; two changes between reads show as the later one.
 */
export const deliverySource: FeedSource<WebhookDeliveryRow> = {
  name: "deliveries",
  keyOf: (row) => [row.changeSeq ?? 0, row.deliveryId],
  encode: (key) => encodeCursor(key),
  decode: (cursor) => decodeCursor(cursor, isChangeKey),
  after: (db, after, limit, options = {}) =>
    db
      .select()
      .from(t)
      .where(and(isNotNull(t.changeSeq), beyond(after), options.through ? upTo(options.through) : undefined, ...(options.where ?? [])))
      .orderBy(asc(t.changeSeq), asc(t.deliveryId))
      .limit(limit),
  newest: async (db) => {
    const [row] = await db.select({ n: t.changeSeq, id: t.deliveryId }).from(t).where(isNotNull(t.changeSeq)).orderBy(desc(t.changeSeq), desc(t.deliveryId)).limit(1);
    return row?.n != null ? [row.n, row.id] : ORIGIN;
  },
};
