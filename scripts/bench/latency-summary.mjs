/**
 * @typedef {{ p50: number | null, p95: number | null, p99: number | null, mean: number | null, max: number | null }} LatencySummary
 */

/**
 * Nearest-rank percentiles of the raw samples. autocannon's own summary has no p95 and rounds to whole
 * milliseconds, which is too coarse for a floor whose p50 is a few milliseconds.
 * @param {number[]} samples Milliseconds.
 * @returns {LatencySummary}
 */
export function summarizeLatencies(samples) {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { p50: null, p95: null, p99: null, mean: null, max: null };
  const at = (/** @type {number} */ p) => sorted[Math.max(0, Math.ceil((p / 100) * n) - 1)];
  return { p50: at(50), p95: at(95), p99: at(99), mean: sorted.reduce((a, b) => a + b, 0) / n, max: sorted[n - 1] };
}
