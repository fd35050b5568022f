/**
 * @typedef {{ p50: number | null, p95: number | null, p99: number | null, reqPerSec: number | null }} Ratios
 *   Latency ratios are target ÷ floor (lower is better); reqPerSec is target ÷ floor (higher is better).
 */

const ratio = (/** @type {number | null} */ a, /** @type {number | null} */ b) => (a === null || b === null || b === 0 ? null : a / b);

/**
 * @param {import("./run-scenario.mjs").Measurement} target
 * @param {import("./run-scenario.mjs").Measurement} floor
 * @returns {Ratios}
 */
export function ratiosToFloor(target, floor) {
  return {
    p50: ratio(target.latencyMs.p50, floor.latencyMs.p50),
    p95: ratio(target.latencyMs.p95, floor.latencyMs.p95),
    p99: ratio(target.latencyMs.p99, floor.latencyMs.p99),
    reqPerSec: ratio(target.reqPerSec, floor.reqPerSec),
  };
}

/**
 * Why a measurement cannot be trusted as a success figure; empty when it can.
 * @param {import("./run-scenario.mjs").Measurement} m
 * @returns {string[]}
 */
export function failuresOf(m) {
  const failures = [];
  if (m.non2xx > 0) {
    const codes = Object.entries(m.statusCodes).filter(([code]) => !code.startsWith("2"));
    failures.push(`${m.non2xx} non-2xx (${codes.map(([code, n]) => `${code}×${n}`).join(", ")})`);
  }
  if (m.errors > 0) failures.push(`${m.errors} errors${m.timeouts ? ` (${m.timeouts} timeouts)` : ""}`);
  if (m.mismatches > 0) failures.push(`${m.mismatches} unexpected bodies`);
  if (m.requests === 0) failures.push("no responses");
  return failures;
}
