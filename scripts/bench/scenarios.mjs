import { createHmac, randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples" with { type: "json" };

/**
 * @typedef {object} TargetRequest
 * @property {"GET" | "POST"} method
 * @property {string} path
 * @property {Record<string, string>} headers
 * @property {string} [body]
 * @property {(req: any) => any} [setupRequest] autocannon's per-request hook, for values that must change on
 *   every request (a webhook's delivery id).
 * @property {number} [maxRequests] At most this many requests per measurement, warmup included; the window ends
 *   early when they are spent. For targets whose side effects the local runtime can only hold so many of.
 * @property {(body: string) => boolean} verify Cheap check that a 2xx answer is the real result, not an error
 *   (GraphQL reports errors with 200). Failures count as mismatches and flag the row.
 */

/**
 * @typedef {object} Goal
 * @property {number} [maxP95Ratio] p95 at most this many times the reference's.
 * @property {number} [minReqPerSecRatio] req/s at least this share of the reference's.
 * @property {string} [against] The reference: another scenario measured earlier in the list (default: the floor).
 * @property {string} [floorOfTarget] A reference row printed beside the verdict.
 */

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {(client: import("./gateway-client.mjs").GatewayClient) => Promise<TargetRequest>} prepare
 *   Seeds what the scenario reads and returns the request to repeat. Every selected scenario is prepared
 *   before any is measured, so all measurements in a mode see the same database.
 * @property {Goal} [goal] The target: p95 at
 *   most this many times the same-run floor's, or (with `against`) that of another scenario measured earlier in
 *   the list. `floorOfTarget` names an earlier reference row that does only what the target is required to do;
 *   its own ratio is printed beside the verdict, so a target no implementation could meet here shows as such.
 * @property {Record<string, Goal>} [goalsByMode] A different target in some modes (by mode name), replacing `goal`.
 * @property {boolean | number[]} [openLoop] Also offer this target at the fixed rates of the open-loop rows
 *   (measure-open-loop.mjs), or at those of them listed.
 * @property {Record<string, { rate: number, maxP99OverFloorMs: number }>} [openLoopGoalsByMode] The open-loop target, by mode:
 *   at this offered rate, p99 at most the floor's p99 at the same rate plus this many milliseconds.
 * @property {boolean} [sendsToQueue] Its 2xx answers each leave a message on the gateway's queue; the open-loop rows
 *   wait for the consumer to drain the backlog before offering it, so the local broker's limit is never reached.
 * @property {"gateway" | "ackOnly" | "floor"} [server] Which worker serves the scenario; "floor" is for reference rows
 *   (the floor worker's other routes), "ackOnly" for the gateway without queue consumers. Default "gateway".
 */

/** The same real-shaped delivery the tests use: @octokit/webhooks-examples' pull_request.opened with an installation. */
function pullRequestOpened() {
  const definition = examples.find((/** @type {any} */ d) => d.name === "pull_request");
  const opened = definition.examples.filter((/** @type {any} */ e) => e.action === "opened" && e.installation);
  if (!opened.length) throw new Error("@octokit/webhooks-examples has no pull_request.opened with an installation");
  return opened.sort((/** @type {any} */ a, /** @type {any} */ b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
}

/**
 * A new signed pull_request.opened delivery per request, as GitHub sends it.
 * @param {import("./gateway-client.mjs").GatewayClient} client
 * @returns {TargetRequest}
 */
function signedPullRequest(client) {
  const body = JSON.stringify(pullRequestOpened());
  const signature = `sha256=${createHmac("sha256", client.webhookSecret).update(body).digest("hex")}`;
  return {
    method: "POST",
    path: "/integrations/github/webhook",
    headers: { ...json, "x-github-event": "pull_request", "x-hub-signature-256": signature, "x-github-delivery": "set-per-request" },
    body,
    // A repeated delivery id would measure the dedupe path instead of a new delivery.
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, "x-github-delivery": randomUUID() } }),
    verify: (text) => text.includes('"status":"queued"'),
    // Miniflare's local queue broker holds at most 10,000 undelivered messages (one timer each) and refuses
    // sends beyond that, which the gateway rightly answers with 503; its consumer drains ~100 a second. 5,000
    // keeps the wait before the open-loop rows short (they offer up to 8,000 more) and still fills a window.
    maxRequests: 5_000,
  };
}

/** The floor worker's POST /verify-send: the floor plus what the ack must do (verify, one queue send), and nothing else. */
export const WEBHOOK_REFERENCE = "webhook reference: floor + verify + queue send";
/** The same with the IDEMP_KV read first: what an edge pre-check of processed deliveries would add. */
const WEBHOOK_KV_REFERENCE = "webhook reference: floor + KV read + verify + queue send";
/** The webhook ack row, also offered at fixed rates by the open-loop rows. */
export const WEBHOOK_ACK = "webhook ack (signed pull_request)";
/** The same ack on a gateway with no queue consumer: what the ack itself costs, like the references measure it. */
export const WEBHOOK_ACK_ALONE = "webhook ack alone (no consumer on these cores)";

const bearer = (/** @type {string} */ key) => ({ authorization: `Bearer ${key}` });
const json = { "content-type": "application/json" };

/** Registers an actor through the API and returns its key. @param {import("./gateway-client.mjs").GatewayClient} client @param {string[]} capabilities */
async function registerActor(client, capabilities) {
  const { apiKey } = await client.postJson("/v1/actors/register", { type: "service", displayName: "bench actor", capabilities });
  return /** @type {string} */ (apiKey);
}

/** Targets, in the order they are measured; later issues append (delegation validate, webhook ack, ...). */
export const SCENARIOS = /** @type {Scenario[]} */ ([
  {
    name: "GraphQL context read",
    goal: { maxP95Ratio: 2 },
    async prepare(client) {
      const created = await client.postJson("/v1/contexts/create", {
        name: "bench context",
        description: "Read by the GraphQL context benchmark",
        data: { repository: "chittyos/chittyconnect", labels: ["bench", "perf"], settings: { retries: 3, enabled: true } },
      });
      const id = String(created.id);
      return {
        method: "POST",
        path: "/graphql",
        headers: { ...bearer(client.adminKey), "content-type": "application/json" },
        body: JSON.stringify({
          query: "query($id: ID!){ context(id:$id){ id name version data } }",
          variables: { id },
        }),
        verify: (body) => body.includes(id) && !body.includes('"errors"'),
      };
    },
  },
  {
    name: "GET /health (no credential)",
    async prepare() {
      return { method: "GET", path: "/health", headers: {}, verify: (body) => body.includes('"status":"ok"') };
    },
  },
  {
    name: "GraphQL context read (API key)",
    openLoop: true,
    goal: { maxP95Ratio: 1.2, against: "GET /health (no credential)" },
    async prepare(client) {
      const key = await registerActor(client, ["contexts:read", "contexts:write"]);
      const created = await client.as(key).postJson("/v1/contexts/create", { name: "bench actor context", data: { owner: "bench" } });
      const id = String(created.id);
      return {
        method: "POST",
        path: "/graphql",
        headers: { ...bearer(key), ...json },
        body: JSON.stringify({ query: "query($id: ID!){ context(id:$id){ id name version data } }", variables: { id } }),
        verify: (body) => body.includes(id) && !body.includes('"errors"'),
      };
    },
  },
  {
    name: "delegation validate",
    async prepare(client) {
      const key = await registerActor(client, ["delegate", "contexts:read"]);
      const issued = await client.as(key).postJson("/v1/delegate", { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 3600 });
      return {
        method: "POST",
        path: "/v1/delegate/validate",
        headers: { ...bearer(key), ...json },
        body: JSON.stringify({ token: issued.token, targetService: "chittyid" }),
        verify: (body) => body.startsWith('{"valid":true'),
      };
    },
  },
  {
    name: WEBHOOK_REFERENCE,
    server: "floor",
    async prepare(client) {
      return { ...signedPullRequest(client), path: "/verify-send", verify: (text) => text === "queued", maxRequests: 6_000 };
    },
  },
  {
    name: WEBHOOK_KV_REFERENCE,
    server: "floor",
    async prepare(client) {
      return { ...signedPullRequest(client), path: "/kv-verify-send", verify: (text) => text === "queued", maxRequests: 6_000 };
    },
  },
  {
    name: WEBHOOK_ACK_ALONE,
    // What the targets are about: verify, then one queue send. In production the consumer runs in other
    // invocations; here it would share the bench's two cores with the ack and process every delivery (handler,
    // D1 batch, a review job). So the targets are judged on a gateway whose queues have no consumer, like for like
    // with the references, whose queues have none either; the next row shows the ack beside its real consumer.
    server: "ackOnly",
    goal: { maxP95Ratio: 1.2, floorOfTarget: WEBHOOK_REFERENCE },
    goalsByMode: { miniflare: { minReqPerSecRatio: 0.8, against: WEBHOOK_REFERENCE } },
    openLoop: true,
    openLoopGoalsByMode: { wrangler: { rate: 100, maxP99OverFloorMs: 25 } },
    async prepare(client) {
      return signedPullRequest(client);
    },
  },
  {
    name: WEBHOOK_ACK,
    // The ack while this gateway's consumer processes what it acknowledged, on the same cores: no target, reported
    // beside the row above. Offered open loop at 100 req/s only: at 400 its consumer (about 25 deliveries a second
    // here, each a handler, a D1 batch and a review job) would take minutes to drain what the row sent.
    openLoop: [100],
    sendsToQueue: true,
    async prepare(client) {
      return signedPullRequest(client);
    },
  },
  {
    name: "REST list",
    async prepare(client) {
      for (let i = 1; i <= 50; i++) {
        await client.postJson("/v1/contexts/create", {
          name: `bench list context ${String(i).padStart(2, "0")}`,
          description: "Listed by the REST list benchmark",
          data: { index: i, tags: ["bench"] },
        });
      }
      return {
        method: "GET",
        path: "/v1/contexts/list?first=20",
        headers: bearer(client.adminKey),
        verify: (body) => body.startsWith('{"items":[{'),
      };
    },
  },
]);

/**
 * @param {Scenario[]} scenarios
 * @param {string | undefined} only
 */
export function selectScenarios(scenarios, only) {
  if (!only) return scenarios;
  const matched = new Set(scenarios.filter((s) => s.name.toLowerCase().includes(only.toLowerCase())));
  // A goal measured against another scenario, or printed beside one, needs that scenario in the run too.
  for (const s of [...matched]) {
    for (const name of [s.goal, ...Object.values(s.goalsByMode ?? {})].flatMap((goal) => [goal?.against, goal?.floorOfTarget])) {
      const reference = scenarios.find((r) => r.name === name);
      if (reference) matched.add(reference);
    }
  }
  const selected = scenarios.filter((s) => matched.has(s));
  if (selected.length === 0) {
    throw new Error(`BENCH_ONLY="${only}" matches no scenario; choose from: ${scenarios.map((s) => s.name).join(", ")}`);
  }
  return selected;
}
