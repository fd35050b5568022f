export interface DeliveryRow {
  id: string;
  event: string;
  action: string | null;
  repository: string | null;
  status: string;
  receivedAt: string;
  processingMs: number | null;
}

export interface MinuteStats {
  /** Start of each minute, in seconds (uPlot's x unit). */
  minutes: number[];
  counts: number[];
  p50: (number | null)[];
  p95: (number | null)[];
}

/** Nearest-rank percentile, as Query.deliveryMetrics computes it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Deliveries received per minute over the last `span` minutes, and the processing-time p50 and p95 of each minute. */
export function perMinute(rows: Iterable<DeliveryRow>, now: number, span = 30): MinuteStats {
  const last = Math.floor(now / 60_000);
  const buckets = Array.from({ length: span }, () => ({ count: 0, times: [] as number[] }));
  for (const row of rows) {
    const index = span - 1 - (last - Math.floor(Date.parse(row.receivedAt) / 60_000));
    if (index < 0 || index >= span) continue;
    const bucket = buckets[index]!;
    bucket.count++;
    if (row.processingMs !== null) bucket.times.push(row.processingMs);
  }
  for (const bucket of buckets) bucket.times.sort((a, b) => a - b);
  return {
    minutes: buckets.map((_, i) => (last - span + 1 + i) * 60),
    counts: buckets.map((b) => b.count),
    p50: buckets.map((b) => percentile(b.times, 50)),
    p95: buckets.map((b) => percentile(b.times, 95)),
  };
}
