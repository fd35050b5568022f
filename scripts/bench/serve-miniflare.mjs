import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import { onCleanup } from "./cleanup.mjs";
import { applyD1Migrations } from "./d1-migrations.mjs";
import { runProcess } from "./processes.mjs";
import { waitReady } from "./wait-ready.mjs";
import { WRANGLER_BIN, wranglerEnv } from "./wrangler-cli.mjs";

const READY_TIMEOUT_MS = 30_000;

/**
 * Options both workers share. Direct sockets let clients talk to workerd itself, skipping the
 * Node entry proxy that `wrangler dev` (and Miniflare's own entry socket) put in front of it.
 * @param {string} scriptPath
 */
function servingOptions(scriptPath) {
  return {
    modules: true,
    scriptPath,
    // Module names are paths relative to this; workerd refuses names that climb out with "..".
    modulesRoot: path.dirname(scriptPath),
    // port 0: never take 8787 from a developer's `npm run dev`.
    host: "127.0.0.1",
    port: 0,
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    // The placeholder cf object: a real one is fetched from workers.cloudflare.com, and the bench stays offline.
    cf: false,
    log: new Log(LogLevel.WARN),
  };
}

/**
 * A worker's Miniflare options as wrangler derives them from its config (bindings, queues, rate limits,
 * compatibility), so this mode sees the same env as `wrangler dev` without a hand-kept copy.
 * @param {string} configPath
 */
function workerOptionsFrom(configPath) {
  const config = unstable_readConfig({ config: configPath });
  /** @type {import("miniflare").WorkerOptions} */
  const options = { name: config.name, ...unstable_getMiniflareWorkerOptions(configPath).workerOptions };
  return { config, options };
}

/**
 * Serves the bundled gateway and the floor worker from Miniflare's API on direct workerd sockets.
 * @param {import("./workspace.mjs").Workspace} workspace
 * @returns {Promise<import("./serve-wrangler.mjs").Servers>}
 */
export async function serveWithMiniflare({ root, dir, configPath, floorConfigPath, secrets }) {
  const base = path.join(dir, "miniflare");
  await mkdir(base, { recursive: true });
  const outdir = path.join(base, "dist");
  // The bundle `npm run build` deploys, so the figures are for production code, not dev-mode transforms.
  await runProcess(process.execPath, [WRANGLER_BIN, "deploy", "--dry-run", "-c", configPath, "--outdir", outdir], {
    label: "wrangler deploy --dry-run",
    cwd: root,
    env: wranglerEnv(base),
    logFile: path.join(base, "build.log"),
    timeoutMs: 120_000,
  });

  const gatewayWorker = workerOptionsFrom(configPath);
  const floorWorker = workerOptionsFrom(floorConfigPath);
  /** @type {Miniflare[]} */
  const instances = [];
  const unregister = onCleanup(() => stop());
  async function stop() {
    unregister();
    // A runtime that failed to start also fails to dispose; its start error has already been reported.
    await Promise.all(instances.splice(0).map((mf) => mf.dispose().catch(() => {})));
  }

  const gateway = new Miniflare({
    ...gatewayWorker.options,
    ...servingOptions(path.join(outdir, "index.js")),
    bindings: { ...gatewayWorker.options.bindings, ...secrets },
    defaultPersistRoot: path.join(base, "state"),
    kvPersist: true,
    d1Persist: true,
  });
  instances.push(gateway);
  const floor = new Miniflare({
    ...floorWorker.options,
    ...servingOptions(/** @type {string} */ (floorWorker.config.main)),
    // Persisted like the gateway's, so its /d1-claim reference pays for the same kind of D1.
    defaultPersistRoot: path.join(base, "floor-state"),
    d1Persist: true,
  });
  instances.push(floor);

  for (const [mf, { config }] of /** @type {const} */ ([[gateway, gatewayWorker], [floor, floorWorker]])) {
    for (const d1 of config.d1_databases) {
      await applyD1Migrations(await mf.getD1Database(d1.binding), d1.migrations_dir ?? path.join(root, "migrations"));
    }
  }
  const gatewayUrl = (await gateway.unsafeGetDirectURL()).origin;
  const floorUrl = (await floor.unsafeGetDirectURL()).origin;
  await Promise.all([
    waitReady(`${gatewayUrl}/health`, { timeoutMs: READY_TIMEOUT_MS, what: "Miniflare (gateway)" }),
    waitReady(`${floorUrl}/`, { timeoutMs: READY_TIMEOUT_MS, what: "Miniflare (floor)" }),
  ]);
  return { gatewayUrl, floorUrl, stop };
}
