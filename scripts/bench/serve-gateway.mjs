import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeBenchWranglerConfig } from "./bench-wrangler-config.mjs";
import { freePorts } from "./ports.mjs";
import { runProcess, startProcess } from "./processes.mjs";
import { waitReady } from "./wait-ready.mjs";
import { WRANGLER_BIN, wranglerEnv } from "./wrangler-cli.mjs";

/**
 * Serves the gateway alone with `wrangler dev` on a free loopback port, from a copy of wrangler.toml in `dir`
 * (so no .dev.vars or .wrangler/ of the repository is used), with its own persisted state and migrations
 * applied. `main` replaces the entry module (the subscription bench wraps D1 to count queries).
 * @param {{ root: string, dir: string, secrets: Record<string, string>, vars?: Record<string, string>, main?: string }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, logFile: string }>}
 */
export async function serveGateway({ root, dir, secrets, vars = {}, main }) {
  await mkdir(dir, { recursive: true });
  const configPath = await writeBenchWranglerConfig(path.join(root, "wrangler.toml"), path.join(dir, "gateway.wrangler.json"), main ? { main } : {});
  const env = wranglerEnv(dir);
  const state = path.join(dir, "state");
  await runProcess(process.execPath, [WRANGLER_BIN, "d1", "migrations", "apply", "DB", "--local", "-c", configPath, "--persist-to", state], {
    label: "wrangler d1 migrations apply",
    cwd: root,
    env,
    logFile: path.join(dir, "migrations.log"),
    timeoutMs: 120_000,
  });
  const [port, inspector] = await freePorts(2);
  const logFile = path.join(dir, "gateway.log");
  const vars_ = Object.entries({ ...secrets, ...vars }).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const server = startProcess(
    process.execPath,
    [WRANGLER_BIN, "dev", "-c", configPath, "--persist-to", state, ...vars_, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"],
    { cwd: root, env, logFile },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${url}/health`, { timeoutMs: 120_000, exited: server.exited, what: `wrangler dev (log ${logFile})` });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, stop: server.stop, logFile };
}
