import autocannon from "autocannon";
import { onCleanup } from "./cleanup.mjs";
import { summarizeLatencies } from "./latency-summary.mjs";

/**
 * @typedef {object} Measurement
 * @property {number} reqPerSec autocannon's mean of per-second request counts.
 * @property {import("./latency-summary.mjs").LatencySummary} latencyMs Of 2xx responses only, from autocannon's
 *   per-response timings.
 * @property {number} requests Responses received in the measured window.
 * @property {number} non2xx
 * @property {number} errors Connection errors and timeouts.
 * @property {number} timeouts
 * @property {number} mismatches 2xx answers that failed the scenario's `verify`.
 * @property {Record<string, number>} statusCodes
 * @property {number} durationSeconds
 */

/**
 * @param {object} options
 * @param {string} options.url
 * @param {import("./scenarios.mjs").TargetRequest} options.request
 * @param {number} options.connections
 * @param {number} options.seconds
 * @param {(latencyMs: number) => void} [options.onLatency]
 * @param {number} [options.maxRequests] Stop early once this many responses have arrived.
 */
async function cannon({ url, request, connections, seconds, onLatency, maxRequests = Infinity }) {
  const instance = autocannon({
    url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    duration: seconds,
    timeout: 10,
    verifyBody: request.verify,
    // Per-request changes (a fresh delivery id, say) go through autocannon's request hook.
    ...(request.setupRequest ? { requests: [{ setupRequest: request.setupRequest }] } : {}),
  });
  const unregister = onCleanup(() => instance.stop());
  let responses = 0;
  instance.on("response", (/** @type {unknown} */ _client, /** @type {number} */ statusCode, /** @type {number} */ _bytes, /** @type {number} */ latencyMs) => {
    if (onLatency && statusCode >= 200 && statusCode < 300) onLatency(latencyMs);
    if (++responses === maxRequests) instance.stop();
  });
  try {
    return await instance;
  } finally {
    unregister();
  }
}

/**
 * Warms the path up (JIT, isolate, D1 page cache, keep-alive pool), then measures for a fixed duration.
 * @param {object} options
 * @param {string} options.baseUrl
 * @param {import("./scenarios.mjs").TargetRequest} options.request
 * @param {import("./config.mjs").BenchConfig} options.config
 * @returns {Promise<Measurement>}
 */
export async function runScenario({ baseUrl, request, config }) {
  const url = new URL(request.path, baseUrl).href;
  const { connections } = config;
  // A budget is shared by warmup and window; the warmup may take at most a fifth of it.
  const budget = request.maxRequests ?? Infinity;
  const warmup = await cannon({ url, request, connections, seconds: config.warmupSeconds, maxRequests: Math.floor(budget / 5) });
  /** @type {number[]} */
  const latencies = [];
  const result = await cannon({
    url,
    request,
    connections,
    seconds: config.durationSeconds,
    onLatency: (ms) => latencies.push(ms),
    maxRequests: budget - warmup.requests.total,
  });
  const stoppedEarly = result.duration < config.durationSeconds - 0.5;
  return {
    // A window cut short by the budget ends in a partial second, which would drag the per-second mean down.
    reqPerSec: stoppedEarly ? result.requests.total / result.duration : result.requests.average,
    latencyMs: summarizeLatencies(latencies),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    durationSeconds: result.duration,
  };
}
