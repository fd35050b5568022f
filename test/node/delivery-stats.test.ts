import { describe, expect, it } from "vitest";
import { percentile, perMinute, type DeliveryRow } from "../../src/dashboard/client/delivery-stats";

const row = (receivedAt: number, processingMs: number | null): DeliveryRow => ({
  id: crypto.randomUUID(),
  event: "issues",
  action: "opened",
  repository: "octo/repo",
  status: processingMs === null ? "queued" : "processed",
  receivedAt: new Date(receivedAt).toISOString(),
  processingMs,
});

describe("the dashboard's per-minute figures", () => {
  it("takes nearest-rank percentiles, as Query.deliveryMetrics does", () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([10], 50)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  });

  it("counts deliveries per minute over the window, and times only those that were processed", () => {
    const now = Date.UTC(2026, 10, 30, 12, 30, 20);
    const minute = 60_000;
    const rows = [row(now - 5_000, 40), row(now - 10_000, 80), row(now - 15_000, null), row(now - 3 * minute, 12), row(now - 31 * minute, 99)];
    const stats = perMinute(rows, now, 30);
    expect(stats.minutes).toHaveLength(30);
    expect(stats.minutes.at(-1)).toBe(Math.floor(now / minute) * 60);
    expect(stats.counts.at(-1)).toBe(3);
    expect(stats.p50.at(-1)).toBe(40);
    expect(stats.p95.at(-1)).toBe(80);
    expect(stats.counts.at(-4)).toBe(1);
    expect(stats.p95.at(-4)).toBe(12);
    // Older than the window: not counted anywhere.
    expect(stats.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(stats.p50.at(-2)).toBeNull();
  });
});
