import { mkdir } from "node:fs/promises";
import path from "node:path";
import { onCleanup } from "./cleanup.mjs";
import { freePorts } from "./ports.mjs";
import { runProcess, startProcess } from "./processes.mjs";
import { waitReady } from "./wait-ready.mjs";
import { WRANGLER_BIN, wranglerEnv } from "./wrangler-cli.mjs";

/**
 * @typedef {object} Servers
 * @property {string} gatewayUrl Base URL of ChittyConnect.
 * @property {string} [ackOnlyUrl] Base URL of a second gateway with no queue consumers (see workspace.mjs).
 * @property {string} floorUrl Base URL of the bare "ok" worker.
 * @property {() => Promise<void>} stop
 */

const READY_TIMEOUT_MS = 90_000;

/**
 * Serves the gateway and the floor worker with `wrangler dev`, as developers run it, each on its own port, and
 * unless told not to, a second gateway without queue consumers (the ack measured on its own).
 * @param {import("./workspace.mjs").Workspace} workspace
 * @param {{ ackOnly?: boolean }} [options]
 * @returns {Promise<Servers>}
 */
export async function serveWithWrangler({ root, dir, configPath, ackOnlyConfigPath, floorConfigPath, secrets }, { ackOnly = true } = {}) {
  const base = path.join(dir, "wrangler");
  await mkdir(base, { recursive: true });
  const env = wranglerEnv(base);
  const vars = Object.entries(secrets).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  // The floor's reference routes verify with the same webhook secret the gateway gets.
  const floorVars = ["--var", `GITHUB_WEBHOOK_SECRET:${secrets.GITHUB_WEBHOOK_SECRET}`];
  const workers = [
    { name: "gateway", config: configPath, vars, ready: "/health", migrate: true },
    ...(ackOnly ? [{ name: "gateway-ack-only", config: ackOnlyConfigPath, vars, ready: "/health", migrate: true }] : []),
    { name: "floor", config: floorConfigPath, vars: floorVars, ready: "/", migrate: false },
  ];

  const ports = await freePorts(workers.length * 2);
  const started = [];
  for (const [index, worker] of workers.entries()) {
    const state = path.join(base, `${worker.name}-state`);
    if (worker.migrate) {
      await runProcess(process.execPath, [WRANGLER_BIN, "d1", "migrations", "apply", "DB", "--local", "-c", worker.config, "--persist-to", state], {
        label: "wrangler d1 migrations apply",
        cwd: root,
        env,
        logFile: path.join(base, `${worker.name}-migrations.log`),
        timeoutMs: 60_000,
      });
    }
    const [port, inspector] = ports.slice(index * 2, index * 2 + 2);
    const args = ["dev", "-c", worker.config, "--persist-to", state, ...worker.vars, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"];
    const logFile = path.join(base, `${worker.name}.log`);
    started.push({ ...worker, url: `http://127.0.0.1:${port}`, logFile, process: startProcess(process.execPath, [WRANGLER_BIN, ...args], { cwd: root, env, logFile }) });
  }

  const unregister = onCleanup(() => stop());
  async function stop() {
    unregister();
    await Promise.all(started.map((worker) => worker.process.stop()));
  }

  await Promise.all(
    started.map((worker) =>
      waitReady(`${worker.url}${worker.ready}`, { timeoutMs: READY_TIMEOUT_MS, exited: worker.process.exited, what: `wrangler dev (${worker.name}, log ${worker.logFile})` }),
    ),
  );
  const url = (/** @type {string} */ name) => started.find((worker) => worker.name === name)?.url;
  return { gatewayUrl: /** @type {string} */ (url("gateway")), ackOnlyUrl: url("gateway-ack-only"), floorUrl: /** @type {string} */ (url("floor")), stop };
}
