import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Miniflare } from "miniflare";
import { applyConfigMigrations, buildBundle, servingOptions, sharedMiniflareOptions, workerOptionsFrom } from "../miniflare/bundled-worker.mjs";
import { onCleanup } from "./cleanup.mjs";
import { waitReady } from "./wait-ready.mjs";
import { wranglerEnv } from "./wrangler-cli.mjs";

const READY_TIMEOUT_MS = 30_000;

/**
 * Serves the bundled gateway and the floor worker from Miniflare's API on direct workerd sockets.
 * @param {import("./workspace.mjs").Workspace} workspace
 * @returns {Promise<import("./serve-wrangler.mjs").Servers>}
 */
export async function serveWithMiniflare({ root, dir, configPath, ackOnlyConfigPath, floorConfigPath, secrets }) {
  const base = path.join(dir, "miniflare");
  await mkdir(base, { recursive: true });
  // The bundle `npm run build` deploys, so the figures are for production code, not dev-mode transforms.
  const scriptPath = await buildBundle({
    root,
    configPath,
    outdir: path.join(base, "dist"),
    env: wranglerEnv(base),
    logFile: path.join(base, "build.log"),
  });

  const gatewayWorker = workerOptionsFrom(configPath);
  const ackOnlyWorker = workerOptionsFrom(ackOnlyConfigPath);
  const floorWorker = workerOptionsFrom(floorConfigPath);
  /** @type {Miniflare[]} */
  const instances = [];
  const unregister = onCleanup(() => stop());
  async function stop() {
    unregister();
    // A runtime that failed to start also fails to dispose; its start error has already been reported.
    await Promise.all(instances.splice(0).map((mf) => mf.dispose().catch(() => {})));
  }

  /** The bundled gateway from one of its configs, with its own persisted state and migrations applied. */
  async function serveGateway(/** @type {ReturnType<typeof workerOptionsFrom>} */ worker, /** @type {string} */ stateDir) {
    const mf = new Miniflare(gatewayOptions({ worker, scriptPath, secrets, persistRoot: path.join(base, stateDir) }));
    instances.push(mf);
    await applyConfigMigrations(mf, worker.config);
    return mf;
  }
  const gateway = await serveGateway(gatewayWorker, "state");
  // The same bundle with no queue consumers, for the ack measured on its own (like the floor's references).
  const ackOnly = await serveGateway(ackOnlyWorker, "ack-only-state");
  const floor = new Miniflare({
    ...sharedMiniflareOptions(),
    ...floorWorker.options,
    ...servingOptions(/** @type {string} */ (floorWorker.config.main)),
    bindings: { ...floorWorker.options.bindings, GITHUB_WEBHOOK_SECRET: secrets.GITHUB_WEBHOOK_SECRET },
    // Persisted like the gateway's, so its KV reference pays for the same kind of KV.
    defaultPersistRoot: path.join(base, "floor-state"),
    kvPersist: true,
  });
  instances.push(floor);

  const gatewayUrl = (await gateway.unsafeGetDirectURL()).origin;
  const ackOnlyUrl = (await ackOnly.unsafeGetDirectURL()).origin;
  const floorUrl = (await floor.unsafeGetDirectURL()).origin;
  await Promise.all([
    waitReady(`${gatewayUrl}/health`, { timeoutMs: READY_TIMEOUT_MS, what: "Miniflare (gateway)" }),
    waitReady(`${ackOnlyUrl}/health`, { timeoutMs: READY_TIMEOUT_MS, what: "Miniflare (gateway without consumers)" }),
    waitReady(`${floorUrl}/`, { timeoutMs: READY_TIMEOUT_MS, what: "Miniflare (floor)" }),
  ]);
  return { gatewayUrl, ackOnlyUrl, floorUrl, stop };
}

/**
 * Miniflare options for the bundled gateway as the bench serves it: the config's bindings plus the bench's
 * secrets, direct sockets, and KV and D1 persisted under `persistRoot`. `extra` adds instance options (the
 * profiler's inspector).
 * @param {{ worker: ReturnType<typeof workerOptionsFrom>, scriptPath: string, secrets: Record<string, string>, persistRoot: string, extra?: Record<string, unknown> }} options
 * @returns {import("miniflare").MiniflareOptions}
 */
export function gatewayOptions({ worker, scriptPath, secrets, persistRoot, extra = {} }) {
  return {
    ...sharedMiniflareOptions(),
    ...extra,
    ...worker.options,
    ...servingOptions(scriptPath),
    bindings: { ...worker.options.bindings, ...secrets },
    defaultPersistRoot: persistRoot,
    kvPersist: true,
    d1Persist: true,
  };
}
