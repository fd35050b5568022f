import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { unstable_readConfig } from "wrangler";

// Every bench request comes from one actor, far above the per-actor budget in wrangler.toml; the
// limiter is still called on every request, so its cost stays in the figures, but it never refuses.
const BENCH_RATE_LIMIT = 1_000_000_000;

// wrangler's bookkeeping about where the config came from, not configuration it accepts back.
const INTERNAL_FIELDS = ["configPath", "userConfigPath", "topLevelName", "definedEnvironments", "targetEnvironment"];

/**
 * Writes a copy of a wrangler config into the scratch directory, resolved by wrangler itself (top-level
 * environment, so new bindings follow automatically), with rate limits raised for a single-actor load.
 * Served from there, wrangler's .wrangler/ output and .dev.vars lookup stay out of the repository:
 * the bench passes every secret it needs itself.
 * @param {string} source Path of the project's config (wrangler.toml or bench/floor.wrangler.toml).
 * @param {string} target Path of the wrangler.json to write.
 * @param {{ main?: string }} [overrides] Another entry module (absolute path).
 * @returns {Promise<string>} `target`
 */
export async function writeBenchWranglerConfig(source, target, overrides = {}) {
  const resolved = unstable_readConfig({ config: source });
  const config = Object.fromEntries(Object.entries(resolved).filter(([key]) => !INTERNAL_FIELDS.includes(key)));
  if (config.unsafe && Object.keys(config.unsafe).length === 0) delete config.unsafe;
  // `main` is already absolute; relative paths would now resolve against the scratch directory.
  config.d1_databases = resolved.d1_databases.map((/** @type {{ migrations_dir?: string }} */ d1) => ({
    ...d1,
    migrations_dir: path.resolve(path.dirname(source), d1.migrations_dir ?? "migrations"),
  }));
  // wrangler resolves alias targets from the config's directory, which is now the scratch directory.
  if (resolved.alias) {
    const require = createRequire(source);
    config.alias = Object.fromEntries(Object.entries(resolved.alias).map(([from, to]) => [from, require.resolve(to)]));
  }
  config.ratelimits = resolved.ratelimits.map((/** @type {{ simple: object }} */ rl) => ({
    ...rl,
    simple: { ...rl.simple, limit: BENCH_RATE_LIMIT },
  }));
  if (overrides.main) config.main = overrides.main;
  await writeFile(target, `${JSON.stringify(config, null, 2)}\n`);
  return target;
}
