import { openLoop } from "./open-loop.mjs";
import { serverUrl } from "./server-url.mjs";
import { waitDrained } from "./wait-drained.mjs";

/** Offered rates and duration the issue fixes for the open-loop rows; BENCH_OPEN_LOOP_SECONDS shortens a trial run. */
export const OPEN_LOOP_RATES = [100, 400];
const OPEN_LOOP_SECONDS = Number(process.env.BENCH_OPEN_LOOP_SECONDS ?? 20);

/**
 * @typedef {object} OpenLoopRow
 * @property {string} name
 * @property {"floor" | "target"} kind
 * @property {import("./open-loop.mjs").OpenLoopResult} result
 * @property {number | null} [p99OverFloorMs] This row's p99 minus the floor's p99 at the same rate.
 * @property {{ rate: number, maxP99OverFloorMs: number }} [goal]
 * @property {boolean | null} [goalMet]
 */

/**
 * Offers each open-loop target, and the floor with the same request, at each fixed rate. Targets that leave
 * messages on the gateway's queue wait for the consumer to drain first, so the local broker's backlog limit
 * (10,000 messages) is never what is measured.
 * @param {object} options
 * @param {string} options.mode
 * @param {import("./serve-wrangler.mjs").Servers} options.servers
 * @param {Array<{ scenario: import("./scenarios.mjs").Scenario, request: import("./scenarios.mjs").TargetRequest }>} options.prepared
 * @param {import("./gateway-client.mjs").GatewayClient} options.client
 * @returns {Promise<Array<{ rate: number, rows: OpenLoopRow[] }>>}
 */
export async function measureOpenLoop({ mode, servers, prepared, client }) {
  const targets = prepared.filter(({ scenario }) => scenario.openLoop);
  if (targets.length === 0) return [];
  // The floor gets the largest target body (the webhook's), the same one the ack pays to read.
  const floorRequest = [...targets].sort((a, b) => (b.request.body?.length ?? 0) - (a.request.body?.length ?? 0))[0].request;
  const results = [];
  for (const rate of OPEN_LOOP_RATES) {
    console.log(`[${mode}] open loop at ${rate} req/s: floor`);
    const floor = await openLoop({
      baseUrl: servers.floorUrl,
      request: { ...floorRequest, path: "/", verify: (body) => body === "ok" },
      rate,
      seconds: OPEN_LOOP_SECONDS,
    });
    /** @type {OpenLoopRow[]} */
    const rows = [{ name: `floor: POST "ok" at ${rate} req/s`, kind: "floor", result: floor }];
    for (const { scenario, request } of targets) {
      if (Array.isArray(scenario.openLoop) && !scenario.openLoop.includes(rate)) continue;
      if (scenario.sendsToQueue) {
        const drained = await waitDrained(client, (finished) => console.log(`[${mode}] waiting for the queue to drain: ${finished} deliveries finished`));
        console.log(`[${mode}] queue drained (${drained.finished} finished deliveries) after ${drained.waitedMs} ms`);
      }
      console.log(`[${mode}] open loop at ${rate} req/s: ${scenario.name}`);
      const result = await openLoop({ baseUrl: serverUrl(servers, scenario), request, rate, seconds: OPEN_LOOP_SECONDS });
      const p99OverFloorMs = result.failed === 0 && floor.failed === 0 ? result.latencyMs.p99 - floor.latencyMs.p99 : null;
      const goal = scenario.openLoopGoalsByMode?.[mode];
      const applies = goal !== undefined && goal.rate === rate;
      rows.push({
        name: `${scenario.name} at ${rate} req/s`,
        kind: "target",
        result,
        p99OverFloorMs,
        ...(applies ? { goal, goalMet: p99OverFloorMs === null ? null : p99OverFloorMs <= goal.maxP99OverFloorMs } : {}),
      });
    }
    results.push({ rate, rows });
  }
  return results;
}
