// Where a route's CPU goes: serves the bundled gateway (unminified, so functions keep their names) under Miniflare,
// loads one bench scenario at 50 connections and takes a V8 CPU profile of the worker's isolate through the
// inspector. Prints self and inclusive time per function, in µs per request. Not part of `npm run bench`:
//   node scripts/bench/profile-route.mjs                      # the webhook ack (gateway without queue consumers)
//   SCENARIO="GraphQL context read" SECONDS=10 node scripts/bench/profile-route.mjs
// The profiler's own overhead lowers req/s by about a tenth; compare profiles with each other, not with the bench.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import { Miniflare } from "miniflare";
import WebSocket from "ws";
import { applyConfigMigrations, buildBundle, workerOptionsFrom } from "../miniflare/bundled-worker.mjs";
import { runCleanups } from "./cleanup.mjs";
import { createGatewayClient } from "./gateway-client.mjs";
import { freePorts } from "./ports.mjs";
import { SCENARIOS, WEBHOOK_ACK_ALONE } from "./scenarios.mjs";
import { gatewayOptions } from "./serve-miniflare.mjs";
import { createWorkspace } from "./workspace.mjs";
import { wranglerEnv } from "./wrangler-cli.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scenario = SCENARIOS.find((s) => s.name.startsWith(process.env.SCENARIO ?? WEBHOOK_ACK_ALONE));
if (!scenario) throw new Error(`SCENARIO matches none of: ${SCENARIOS.map((s) => s.name).join(", ")}`);
const seconds = Number(process.env.SECONDS ?? 6);

const workspace = await createWorkspace(ROOT);
const configPath = workspace.ackOnlyConfigPath;
await writeFile(configPath, JSON.stringify({ ...JSON.parse(await readFile(configPath, "utf8")), minify: false }));
const scriptPath = await buildBundle({
  root: ROOT,
  configPath,
  outdir: path.join(workspace.dir, "dist"),
  env: wranglerEnv(workspace.dir),
  logFile: path.join(workspace.dir, "build.log"),
});
const worker = workerOptionsFrom(configPath);
const [inspectorPort] = await freePorts(1);
const mf = new Miniflare(
  gatewayOptions({ worker, scriptPath, secrets: workspace.secrets, persistRoot: path.join(workspace.dir, "state"), extra: { inspectorPort, unsafeInspectorProxy: true } }),
);
try {
  await applyConfigMigrations(mf, worker.config);
  const url = (await mf.unsafeGetDirectURL()).origin;
  const request = await scenario.prepare(createGatewayClient(url, workspace.adminKey, workspace.secrets.GITHUB_WEBHOOK_SECRET));
  const inspector = await connectInspector(inspectorPort);
  const load = (/** @type {number} */ duration) =>
    autocannon({
      url: new URL(request.path, url).href,
      method: request.method,
      headers: request.headers,
      body: request.body,
      connections: 50,
      duration,
      ...(request.setupRequest ? { requests: [{ setupRequest: request.setupRequest }] } : {}),
    });
  await load(3); // JIT and caches, as the bench's warmup
  await inspector.call("Profiler.enable");
  await inspector.call("Profiler.setSamplingInterval", { interval: 100 });
  await inspector.call("Profiler.start");
  const result = await load(seconds);
  const { profile } = await inspector.call("Profiler.stop");
  inspector.close();
  console.log(`${scenario.name}: ${Math.round(result.requests.average)} req/s while profiled, ${result.non2xx} non-2xx`);
  printProfile(profile, result.requests.total);
} finally {
  await mf.dispose();
  await runCleanups();
}

/** A minimal Chrome DevTools Protocol client over the worker's inspector socket. @param {number} port */
async function connectInspector(port) {
  const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let nextId = 0;
  /** @type {Map<number, (result: any) => void>} */
  const pending = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  return {
    call: (/** @type {string} */ method, params = {}) =>
      new Promise((resolve) => {
        pending.set(++nextId, resolve);
        socket.send(JSON.stringify({ id: nextId, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Self and inclusive time per function, µs per request, largest first. @param {any} profile @param {number} requests */
function printProfile(profile, requests) {
  const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = (/** @type {any} */ n) => `${n.callFrame.functionName || "(anonymous)"} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber}`;
  const sampled = new Map();
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  const inclusive = new Map();
  for (const [id, us] of sampled) {
    self.set(label(nodes.get(id)), (self.get(label(nodes.get(id))) ?? 0) + us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const key = label(nodes.get(at));
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      seen.add(key);
    }
  }
  const top = (/** @type {Map<string, number>} */ m, /** @type {number} */ n) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, us]) => `${(us / requests).toFixed(1).padStart(8)} µs/req  ${key}`).join("\n");
  console.log(`\nself time\n${top(self, 30)}\n\ninclusive time\n${top(inclusive, 40)}`);
}
