import { failuresOf, ratiosToFloor } from "./compare.mjs";
import { createGatewayClient } from "./gateway-client.mjs";
import { measureOpenLoop } from "./measure-open-loop.mjs";
import { runScenario } from "./run-scenario.mjs";

/**
 * @typedef {object} Row
 * @property {string} name
 * @property {"floor" | "target"} kind
 * @property {string} [floor] Name of the floor row this target is compared with.
 * @property {import("./run-scenario.mjs").Measurement} measurement
 * @property {import("./compare.mjs").Ratios} [ratios]
 * @property {import("./scenarios.mjs").Goal} [goal] The goal that applied in this mode.
 * @property {boolean | null} [goalMet] null when the run failed or there is no goal.
 * @property {number | null} [goalRatio] p95 ÷ the goal's reference p95, or req/s ÷ its req/s for a `minReqPerSecRatio` goal.
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
  for (const { scenario, request } of prepared) {
    let floor = floors.get(request.method);
    if (!floor) {
      const name = `floor: ${request.method} "ok"`;
      console.log(`[${mode}] ${name}`);
      const measurement = await runScenario({ baseUrl: servers.floorUrl, request: floorRequestFor(request), config });
      floor = { name, kind: "floor", measurement, failures: failuresOf(measurement) };
      floors.set(request.method, floor);
      rows.push(floor);
    }
    console.log(`[${mode}] ${scenario.name}`);
    const baseUrl = { floor: servers.floorUrl, ackOnly: servers.ackOnlyUrl, gateway: servers.gatewayUrl }[scenario.server ?? "gateway"];
    if (!baseUrl) throw new Error(`${scenario.name}: no ${scenario.server} server was started in this mode`);
    const measurement = await runScenario({ baseUrl, request, config });
    const ratios = ratiosToFloor(measurement, floor.measurement);
    const failures = failuresOf(measurement);
    const goal = scenario.goalsByMode?.[mode] ?? scenario.goal;
    // A goal is judged against the floor, or against another scenario of this run that it names.
    const reference = goal?.against ? rows.find((r) => r.name === goal.against) : floor;
    if (!reference) throw new Error(`${scenario.name}: its goal names "${goal?.against}", which must be measured before it`);
    const toReference = ratiosToFloor(measurement, reference.measurement);
    const goalRatio = goal?.minReqPerSecRatio !== undefined ? toReference.reqPerSec : toReference.p95;
    const floorOfTarget = goal?.floorOfTarget ? rows.find((r) => r.name === goal.floorOfTarget) : undefined;
    if (goal?.floorOfTarget && !floorOfTarget) {
      throw new Error(`${scenario.name}: its goal names the reference "${goal.floorOfTarget}", which must be measured before it`);
    }
    const floorOfTargetRatio =
      floorOfTarget && floorOfTarget.failures.length === 0 ? ratiosToFloor(floorOfTarget.measurement, reference.measurement).p95 : null;
    const judged = goal !== undefined && goalRatio !== null && failures.length === 0 && reference.failures.length === 0;
    rows.push({
      name: scenario.name,
      kind: "target",
      floor: floor.name,
      measurement,
      ratios,
      goal,
      goalMet: !judged
        ? null
        : goal.minReqPerSecRatio !== undefined
          ? goalRatio >= goal.minReqPerSecRatio
          : goal.maxP95Ratio === undefined
            ? null
            : goalRatio <= goal.maxP95Ratio,
      goalRatio,
      ...(floorOfTarget ? { floorOfTargetRatio } : {}),
      failures,
    });
  }
  const openLoop = await measureOpenLoop({ mode, servers, prepared, client });
  return { mode, rows, openLoop };
}
