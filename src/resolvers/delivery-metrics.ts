import { and, asc, count, eq, gte, isNotNull, sql } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { DELIVERY_STATUSES, webhookDeliveries, type DeliveryStatus } from "../db/schema";

export interface DeliveryMetrics {
  counts: Record<DeliveryStatus, number>;
  /** Attempts beyond the first, over every delivery: how often the queue had to retry. */
  retries: number;
  /** 95th percentile of processing time over processed deliveries, in ms; null before the first one. */
  p95ProcessingMs: number | null;
  since: number | null;
}

/** Processed, failed and dead counts and the p95 processing time, from D1; operators only. */
export async function deliveryMetrics(ctx: RequestContext, args: { since?: Date | null }): Promise<DeliveryMetrics> {
  requireCapability(ctx.actor, "github:admin");
  const t = webhookDeliveries;
  const since = args.since ? args.since.getTime() : null;
  const window = since === null ? undefined : gte(t.receivedAt, since);
  const rows = await ctx.db
    .select({ status: t.status, n: count(), retries: sql<number>`sum(CASE WHEN ${t.attempts} > 1 THEN ${t.attempts} - 1 ELSE 0 END)` })
    .from(t)
    .where(window)
    .groupBy(t.status);
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  let retries = 0;
  for (const row of rows) {
    counts[row.status] = row.n;
    retries += Number(row.retries ?? 0);
  }
  const timed = and(eq(t.status, "processed"), isNotNull(t.processingMs), window);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: count() }).from(t).where(timed);
  let p95ProcessingMs: number | null = null;
  if (n > 0) {
    // Nearest-rank percentile: the smallest value with at least 95% of the values at or below it.
    const [row] = await ctx.db.select({ ms: t.processingMs }).from(t).where(timed).orderBy(asc(t.processingMs)).limit(1).offset(Math.ceil(0.95 * n) - 1);
    p95ProcessingMs = row?.ms ?? null;
  }
  return { counts, retries, p95ProcessingMs, since };
}
