import { writeWranglerConfigCopy } from "../wrangler-config-copy.mjs";

// Every bench request comes from one actor, far above the per-actor budget in wrangler.toml; the
// limiter is still called on every request, so its cost stays in the figures, but it never refuses.
const BENCH_RATE_LIMIT = 1_000_000_000;

/**
 * Writes a copy of a wrangler config into the scratch directory with rate limits raised for a single-actor load.
 * Served from there, wrangler's .wrangler/ output and .dev.vars lookup stay out of the repository:
 * the bench passes every secret it needs itself.
 * @param {string} source Path of the project's config (wrangler.toml or bench/floor.wrangler.toml).
 * @param {string} target Path of the wrangler.json to write.
 * @param {{ main?: string, withoutQueueConsumers?: boolean }} [overrides] Another entry module (absolute path);
 *   `withoutQueueConsumers` keeps the producers but consumes nothing, for measuring the webhook ack on its own.
 * @returns {Promise<string>} `target`
 */
export async function writeBenchWranglerConfig(source, target, overrides = {}) {
  return writeWranglerConfigCopy(source, target, { ...overrides, rateLimit: BENCH_RATE_LIMIT });
}
