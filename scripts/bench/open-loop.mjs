import hdr from "hdr-histogram-js";
import { Pool } from "undici";
import { onCleanup } from "./cleanup.mjs";

/**
 * @typedef {object} OpenLoopResult
 * @property {number} rate Offered requests per second.
 * @property {number} sent
 * @property {number} ok 2xx answers that passed the scenario's check.
 * @property {number} failed Non-2xx answers, failed checks and connection errors.
 * @property {number} lateStarts Requests the client itself sent more than 5 ms after their scheduled time.
 * @property {{ p50: number, p95: number, p99: number, max: number }} latencyMs From each request's SCHEDULED time.
 */

/**
 * Offers requests at a fixed rate for a fixed time, whatever the server does (open loop), and measures each
 * latency from the moment the request was SCHEDULED, not from when it left: a stall of the server (or of this
 * client) then shows in the figures instead of silently lowering the offered rate, the coordinated omission that
 * a closed loop such as autocannon's hides. undici's Pool keeps connections open, as GitHub's deliveries do not
 * need a new TLS handshake each; hdr-histogram-js keeps microsecond precision without storing every sample.
 * @see https://www.scylladb.com/2021/04/22/on-coordinated-omission/
 * @param {object} options
 * @param {string} options.baseUrl
 * @param {import("./scenarios.mjs").TargetRequest} options.request
 * @param {number} options.rate Requests per second.
 * @param {number} options.seconds
 * @param {number} [options.connections] Upper bound of open connections (the pool opens them as needed).
 * @returns {Promise<OpenLoopResult>}
 */
export async function openLoop({ baseUrl, request, rate, seconds, connections = 128 }) {
  const url = new URL(request.path, baseUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const unregister = onCleanup(() => pool.destroy());
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  let ok = 0;
  let failed = 0;
  let lateStarts = 0;
  /** @type {Promise<void>[]} */
  const inFlight = [];
  const start = performance.now() + 50;

  const send = async (/** @type {number} */ scheduled) => {
    /** @type {{ method: string, path: string, headers: Record<string, string>, body?: string }} */
    let req = { method: request.method, path: url.pathname + url.search, headers: request.headers, body: request.body };
    if (request.setupRequest) req = request.setupRequest(req);
    try {
      const response = await pool.request({ method: /** @type {any} */ (req.method), path: req.path, headers: req.headers, body: req.body });
      const text = await response.body.text();
      const good = response.statusCode >= 200 && response.statusCode < 300 && request.verify(text);
      if (good) ok++;
      else failed++;
    } catch {
      failed++;
    }
    histogram.recordValue(Math.max(1, Math.round((performance.now() - scheduled) * 1000)));
  };

  try {
    for (let i = 0; i < total; i++) {
      const scheduled = start + i * intervalMs;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() - scheduled > 5) lateStarts++;
      inFlight.push(send(scheduled));
    }
    await Promise.all(inFlight);
  } finally {
    unregister();
    await pool.close().catch(() => {});
  }
  const ms = (/** @type {number} */ p) => histogram.getValueAtPercentile(p) / 1000;
  const result = { rate, sent: total, ok, failed, lateStarts, latencyMs: { p50: ms(50), p95: ms(95), p99: ms(99), max: histogram.maxValue / 1000 } };
  histogram.destroy();
  return result;
}
