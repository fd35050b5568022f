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
 * @property {string} floorUrl Base URL of the bare "ok" worker.
 * @property {() => Promise<void>} stop
 */

const READY_TIMEOUT_MS = 90_000;

/**
 * Serves the gateway and the floor worker with `wrangler dev`, as developers run it, each on its own port.
 * @param {import("./workspace.mjs").Workspace} workspace
 * @returns {Promise<Servers>}
 */
export async function serveWithWrangler({ root, dir, configPath, floorConfigPath, secrets }) {
  const base = path.join(dir, "wrangler");
  await mkdir(base, { recursive: true });
  const env = wranglerEnv(base);
  const state = path.join(base, "state");
  const floorState = path.join(base, "floor-state");
  /** @param {string} config @param {string} persistTo @param {string} log */
  const migrate = (config, persistTo, log) =>
    runProcess(process.execPath, [WRANGLER_BIN, "d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", persistTo], {
      label: "wrangler d1 migrations apply",
      cwd: root,
      env,
      logFile: path.join(base, log),
      timeoutMs: 60_000,
    });
  await migrate(configPath, state, "migrations.log");

  const [gatewayPort, gatewayInspector, floorPort, floorInspector] = await freePorts(4);
  /** @param {string[]} args @param {number} port @param {number} inspector @param {string} log */
  const dev = (args, port, inspector, log) =>
    startProcess(
      process.execPath,
      [
        WRANGLER_BIN, "dev", ...args,
        "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector),
        "--show-interactive-dev-session=false",
      ],
      { cwd: root, env, logFile: path.join(base, log) },
    );
  const vars = Object.entries(secrets).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const gateway = dev(["-c", configPath, "--persist-to", state, ...vars], gatewayPort, gatewayInspector, "gateway.log");
  // The floor's reference routes verify with the same webhook secret the gateway gets.
  const floorVars = ["--var", `GITHUB_WEBHOOK_SECRET:${secrets.GITHUB_WEBHOOK_SECRET}`];
  const floor = dev(["-c", floorConfigPath, "--persist-to", floorState, ...floorVars], floorPort, floorInspector, "floor.log");

  const unregister = onCleanup(() => stop());
  async function stop() {
    unregister();
    await Promise.all([gateway.stop(), floor.stop()]);
  }

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  await Promise.all([
    waitReady(`${gatewayUrl}/health`, { timeoutMs: READY_TIMEOUT_MS, exited: gateway.exited, what: `wrangler dev (gateway, log ${base}/gateway.log)` }),
    waitReady(`${floorUrl}/`, { timeoutMs: READY_TIMEOUT_MS, exited: floor.exited, what: `wrangler dev (floor, log ${base}/floor.log)` }),
  ]);
  return { gatewayUrl, floorUrl, stop };
}
