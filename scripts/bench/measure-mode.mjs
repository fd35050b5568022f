import { failuresOf, ratiosToFloor } from "./compare.mjs";
import { createGatewayClient } from "./gateway-client.mjs";
import { measureOpenLoop } from "./measure-open-loop.mjs";
import { runScenario } from "./run-scenario.mjs";
import { serverUrl } from "./server-url.mjs";

/**
 * @typedef {object} Row
 * @property {string} name
 * @property {"floor" | "target"} kind
 * @property {string} [floor] Name of the floor row this target is compared with.
 * @property {import("./run-scenario.mjs").Measurement} measurement
 * @property {import("./compare.mjs").Ratios} [ratios]
 * @property {import("./scenarios.mjs").Goal} [goal] The goal that applied in this mode.
 * @property {boolean | null} [goalMet] null when the run failed or there is no goal.
 * @property {number | null} [goalRatio] The median over the goal's rounds of p95 ÷ the reference's p95, or of req/s ÷ its
 *   req/s for a `minReqPerSecRatio` goal.
 * @property {Array<number | null>} [roundRatios] That ratio in each round, the first being the row as printed.
 * @property {number | null} [floorOfTargetRatio] The `floorOfTarget` row's p95 ÷ the goal's reference p95: the
 *   least any implementation doing what the target requires measured here. null when that row failed.
 * @property {string[]} failures
 */

/**
 * The floor answers "ok" to the same method, headers and body as the target, so both pay the same
 * bytes on the wire and the same body read; only the application code differs.
 * @param {import("./scenarios.mjs").TargetRequest} target
 * @returns {import("./scenarios.mjs").TargetRequest}
 */
function floorRequestFor(target) {
  return {
    method: target.method,
    path: "/",
    headers: target.headers,
    body: target.body,
    setupRequest: target.setupRequest,
    verify: (body) => body === "ok",
  };
}

/**
 * Seeds, then measures every scenario and the floor it is compared with, all against the same servers.
 * One floor per HTTP method keeps the run short as scenarios are added; it is measured right before
 * the first target that needs it.
 * @param {object} options
 * @param {string} options.mode
 * @param {import("./serve-wrangler.mjs").Servers} options.servers
 * @param {import("./scenarios.mjs").Scenario[]} options.scenarios
 * @param {import("./config.mjs").BenchConfig} options.config
 * @param {string} options.adminKey
 * @param {string} options.webhookSecret
 * @returns {Promise<{ mode: string, rows: Row[], openLoop: Awaited<ReturnType<typeof measureOpenLoop>> }>}
 */
export async function measureMode({ mode, servers, scenarios, config, adminKey, webhookSecret }) {
  const client = createGatewayClient(servers.gatewayUrl, adminKey, webhookSecret);
  const prepared = [];
  for (const scenario of scenarios) prepared.push({ scenario, request: await scenario.prepare(client) });

  /** @type {Map<string, Row>} */
  const floors = new Map();
  /** @type {Row[]} */
  const rows = [];
  // How to measure a row again, for the goals' later rounds (kept out of the rows, which go to latest.json).
  /** @type {Map<Row, { baseUrl: string, request: import("./scenarios.mjs").TargetRequest }>} */
  const remeasure = new Map();
  for (const { scenario, request } of prepared) {
    let floor = floors.get(request.method);
    if (!floor) {
      const name = `floor: ${request.method} "ok"`;
      console.log(`[${mode}] ${name}`);
      const floorRequest = floorRequestFor(request);
      const measurement = await runScenario({ baseUrl: servers.floorUrl, request: floorRequest, config });
      floor = { name, kind: "floor", measurement, failures: failuresOf(measurement) };
      floors.set(request.method, floor);
      remeasure.set(floor, { baseUrl: servers.floorUrl, request: floorRequest });
      rows.push(floor);
    }
    const goal = scenario.goalsByMode?.[mode] ?? scenario.goal;
    // A goal is judged against the floor, or against another scenario of this run that it names.
    const reference = goal?.against ? rows.find((r) => r.name === goal.against) : floor;
    if (!reference) throw new Error(`${scenario.name}: its goal names "${goal?.against}", which must be measured before it`);
    const floorOfTarget = goal?.floorOfTarget ? rows.find((r) => r.name === goal.floorOfTarget) : undefined;
    if (goal?.floorOfTarget && !floorOfTarget) {
      throw new Error(`${scenario.name}: its goal names the reference "${goal.floorOfTarget}", which must be measured before it`);
    }
    // Every round of a goal is a pair measured back to back: a reference measured minutes earlier (the floor
    // comes first in each mode) would pair with a different machine state.
    let pairedReference = reference.measurement;
    if (goal && rows.at(-1) !== reference) {
      console.log(`[${mode}] ${scenario.name}: round 1 of ${config.rounds} (${reference.name}, then the target)`);
      pairedReference = await runScenario({ .../** @type {{ baseUrl: string, request: import("./scenarios.mjs").TargetRequest }} */ (remeasure.get(reference)), config });
    }
    console.log(`[${mode}] ${scenario.name}`);
    const baseUrl = serverUrl(servers, scenario);
    const measurement = await runScenario({ baseUrl, request, config });
    const ratios = ratiosToFloor(measurement, floor.measurement);
    const failures = failuresOf(measurement);
    const floorOfTargetRatio =
      floorOfTarget && floorOfTarget.failures.length === 0 ? ratiosToFloor(floorOfTarget.measurement, reference.measurement).p95 : null;
    /** @type {Row} */
    const row = { name: scenario.name, kind: "target", floor: floor.name, measurement, ratios, goal, failures, ...(floorOfTarget ? { floorOfTargetRatio } : {}) };
    remeasure.set(row, { baseUrl, request });
    if (goal) Object.assign(row, await judgeGoal({ mode, row, reference, pairedReference, goal, config, remeasure }));
    rows.push(row);
  }
  const openLoop = await measureOpenLoop({ mode, servers, prepared, client });
  return { mode, rows, openLoop };
}

/** The middle value; the mean of the two middle ones for an even count. @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Judges a goal over `config.rounds` paired rounds, each the reference and then the target measured back to back;
 * the first round's target is the row as printed, paired with `pairedReference`. The verdict is the median of the
 * rounds' ratios: on two shared cores one 10 s window of either side can move by a third between runs (see
 * docs/benchmarks.md), and pairing measurements that are seconds apart keeps a slow stretch from landing on one side only.
 * @param {{ mode: string, row: Row, reference: Row, pairedReference: import("./run-scenario.mjs").Measurement,
 *   goal: import("./scenarios.mjs").Goal, config: import("./config.mjs").BenchConfig,
 *   remeasure: Map<Row, { baseUrl: string, request: import("./scenarios.mjs").TargetRequest }> }} options
 * @returns {Promise<Pick<Row, "goalMet" | "goalRatio" | "roundRatios">>}
 */
async function judgeGoal({ mode, row, reference, pairedReference, goal, config, remeasure }) {
  const byReqPerSec = goal.minReqPerSecRatio !== undefined;
  const ratioOf = (/** @type {import("./run-scenario.mjs").Measurement} */ target, /** @type {import("./run-scenario.mjs").Measurement} */ ref) => {
    const r = ratiosToFloor(target, ref);
    return byReqPerSec ? r.reqPerSec : r.p95;
  };
  const pairs = [{ target: row.measurement, reference: pairedReference }];
  const again = (/** @type {Row} */ r) => /** @type {{ baseUrl: string, request: import("./scenarios.mjs").TargetRequest }} */ (remeasure.get(r));
  for (let round = 2; round <= config.rounds; round++) {
    console.log(`[${mode}] ${row.name}: round ${round} of ${config.rounds} (${reference.name}, then the target)`);
    const ref = await runScenario({ ...again(reference), config });
    const target = await runScenario({ ...again(row), config });
    pairs.push({ target, reference: ref });
  }
  const failed = pairs.some((p) => failuresOf(p.target).length > 0 || failuresOf(p.reference).length > 0);
  const roundRatios = pairs.map((p) => ratioOf(p.target, p.reference));
  if (failed || roundRatios.some((r) => r === null)) return { goalMet: null, goalRatio: null, roundRatios };
  const goalRatio = median(/** @type {number[]} */ (roundRatios));
  const goalMet = byReqPerSec ? goalRatio >= /** @type {number} */ (goal.minReqPerSecRatio) : goal.maxP95Ratio === undefined ? null : goalRatio <= goal.maxP95Ratio;
  return { goalMet, goalRatio, roundRatios };
}
