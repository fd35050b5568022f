import { and, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ecosystemOutbox } from "../../db/schema";

export interface OutboxStatus {
  /** Records not yet accepted by the remote ChittyDNA / ChittyChronicle. */
  pending: number;
  /** Age of the oldest of them; 0 when none is pending. */
  oldestAgeSeconds: number;
}

/** How much the outbox holds, for /health: one read over the pending rows' partial index. */
export async function outboxStatus(db: Database, now = Date.now()): Promise<OutboxStatus> {
  const [row] = await db
    .select({ pending: sql<number>`count(*)`, oldest: sql<number | null>`min(${ecosystemOutbox.createdAt})` })
    .from(ecosystemOutbox)
    .where(isNull(ecosystemOutbox.deliveredAt));
  const oldest = row?.oldest ?? null;
  return { pending: row?.pending ?? 0, oldestAgeSeconds: oldest === null ? 0 : Math.max(0, Math.floor((now - oldest) / 1000)) };
}

/** How long a delivered row keeps its remote id before the cron drops it. */
export const DELIVERED_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** Drops delivered rows older than DELIVERED_RETENTION_MS (cron); returns how many. */
export async function purgeDeliveredOutbox(db: Database, now = Date.now()): Promise<number> {
  const result = await db
    .delete(ecosystemOutbox)
    .where(and(isNotNull(ecosystemOutbox.deliveredAt), lt(ecosystemOutbox.deliveredAt, now - DELIVERED_RETENTION_MS)));
  return result.meta.changes ?? 0;
}
