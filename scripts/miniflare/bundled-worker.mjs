import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Log, LogLevel } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import { applyD1Migrations } from "./d1-migrations.mjs";

// What the bench (scripts/bench/serve-miniflare.mjs) and the bundle tests (test/bundle/) both need to serve
// the Worker as it is deployed: the bundle `wrangler deploy --dry-run` makes, and Miniflare options derived from wrangler's config.

const require = createRequire(import.meta.url);
const WRANGLER_BIN = require.resolve("wrangler/bin/wrangler.js");

/**
 * Bundles the Worker as a deploy does (`wrangler deploy --dry-run --outdir`), logging to `logFile`.
 * NODE_ENV is dropped: wrangler inlines it into the bundle ("production" when unset, as in a deploy),
 * so a test runner's NODE_ENV=test must not change the code under test.
 * `wranglerEnv` builds one of the config's environments (`--env production`) instead of the top level.
 * @param {{ root: string, configPath: string, outdir: string, logFile: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, wranglerEnv?: string }} options
 * @returns {Promise<string>} The bundled entry module.
 */
export async function buildBundle({ root, configPath, outdir, logFile, env = {}, timeoutMs = 120_000, wranglerEnv }) {
  await mkdir(path.dirname(logFile), { recursive: true });
  const childEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", FORCE_COLOR: "0", ...env };
  delete childEnv.NODE_ENV;
  const args = [WRANGLER_BIN, "deploy", "--dry-run", "-c", configPath, "--outdir", outdir, ...(wranglerEnv ? ["--env", wranglerEnv] : [])];
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const [code, signal] = await once(child, "close");
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(logFile, "utf8")).trim().split("\n").slice(-20).join("\n");
    throw new Error(`wrangler deploy --dry-run failed (${signal ?? `exit ${code}`}); full log in ${logFile}:\n${tail}`);
  }
  // wrangler names the bundle after the entry module (index.development.js at the top level, index.js in envs).
  const [bundle] = (await readdir(outdir)).filter((file) => file.endsWith(".js"));
  if (!bundle) throw new Error(`wrangler deploy --dry-run wrote no .js file to ${outdir}; full log in ${logFile}`);
  return path.join(outdir, bundle);
}

/**
 * A worker's Miniflare options as wrangler derives them from its config (bindings, queues, rate limits,
 * compatibility), so Miniflare sees the same env as `wrangler dev` without a hand-kept copy.
 * @param {string} configPath
 */
export function workerOptionsFrom(configPath) {
  const config = unstable_readConfig({ config: configPath });
  /** @type {import("miniflare").WorkerOptions & { name: string }} */
  const options = { name: config.name, ...unstable_getMiniflareWorkerOptions(configPath).workerOptions };
  return { config, options };
}

/**
 * Serving options for a bundled (or plain module) script. Direct sockets let clients talk to workerd itself,
 * skipping the Node entry proxy that `wrangler dev` (and Miniflare's own entry socket) put in front of it.
 * @param {string} scriptPath
 */
export function servingOptions(scriptPath) {
  return {
    modules: true,
    scriptPath,
    // Module names are paths relative to this; workerd refuses names that climb out with "..".
    modulesRoot: path.dirname(scriptPath),
    // port 0: never take 8787 from a developer's `npm run dev`, nor a port another run holds.
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  };
}

/** Options for the Miniflare instance itself (not per worker): loopback only, offline, quiet. */
export const sharedMiniflareOptions = () => ({
  host: "127.0.0.1",
  port: 0,
  // The placeholder cf object: a real one is fetched from workers.cloudflare.com, and these runs stay offline.
  cf: false,
  log: new Log(LogLevel.WARN),
});

/**
 * Applies the config's D1 migrations (migrations/ unless it names another directory) to a worker's databases.
 * @param {import("miniflare").Miniflare} mf
 * @param {{ configPath: string, d1_databases: { binding: string, migrations_dir?: string }[] }} config
 * @param {string} [workerName]
 */
export async function applyConfigMigrations(mf, config, workerName) {
  for (const d1 of config.d1_databases) {
    const dir = path.resolve(path.dirname(config.configPath), d1.migrations_dir ?? "migrations");
    await applyD1Migrations(await mf.getD1Database(d1.binding, workerName), dir);
  }
}
