import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { unstable_readConfig } from "wrangler";

// wrangler's bookkeeping about where the config came from, not configuration it accepts back.
const INTERNAL_FIELDS = ["configPath", "userConfigPath", "topLevelName", "definedEnvironments", "targetEnvironment"];

/**
 * @typedef {object} ConfigChanges
 * @property {string} [main] Another entry module (absolute path).
 * @property {number} [rateLimit] Every rate limiter's limit, for a single-actor load.
 * @property {boolean} [withoutQueueConsumers] Keep the producers, consume nothing: sent messages stay queued.
 */

/**
 * Writes a copy of a wrangler config somewhere else, resolved by wrangler itself (top-level environment, so new
 * bindings follow automatically) with a few changes. Paths that wrangler would read relative to the config's
 * directory (D1 migrations, alias targets) are made absolute, so the copy works from any directory; `main` is
 * already absolute once resolved. Used by the bench (its own state, rate limits raised) and by the unit tests
 * (a runtime whose queues deliver nothing in the background).
 * @param {string} source Path of the config (wrangler.toml or bench/floor.wrangler.toml).
 * @param {string} target Path of the wrangler.json to write; its directory is created.
 * @param {ConfigChanges} [changes]
 * @returns {string} `target`
 */
export function writeWranglerConfigCopy(source, target, changes = {}) {
  const resolved = unstable_readConfig({ config: source });
  const config = Object.fromEntries(Object.entries(resolved).filter(([key]) => !INTERNAL_FIELDS.includes(key)));
  if (config.unsafe && Object.keys(config.unsafe).length === 0) delete config.unsafe;
  config.d1_databases = resolved.d1_databases.map((/** @type {{ migrations_dir?: string }} */ d1) => ({
    ...d1,
    migrations_dir: path.resolve(path.dirname(source), d1.migrations_dir ?? "migrations"),
  }));
  if (resolved.alias) {
    const require = createRequire(source);
    config.alias = Object.fromEntries(Object.entries(resolved.alias).map(([from, to]) => [from, require.resolve(to)]));
  }
  if (changes.rateLimit !== undefined) {
    const limit = changes.rateLimit;
    config.ratelimits = resolved.ratelimits.map((/** @type {{ simple: object }} */ rl) => ({ ...rl, simple: { ...rl.simple, limit } }));
  }
  if (changes.main) config.main = changes.main;
  if (changes.withoutQueueConsumers) config.queues = { ...config.queues, consumers: [] };
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
  return target;
}
