/**
 * @typedef {object} BenchConfig
 * @property {number} connections Concurrent keep-alive connections per run.
 * @property {number} warmupSeconds Discarded run before each measurement.
 * @property {number} durationSeconds Measured run per target per mode.
 * @property {string | undefined} only Case-insensitive substring a scenario name must contain.
 * @property {string[]} modes Serving modes to measure, in order.
 * @property {number} rounds Paired rounds (reference, then target) over which each goal is judged, by their median.
 */

// The issue targets are stated at 50 connections, so the count is fixed rather than configurable.
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DEFAULT_DURATION_SECONDS = 10;
// Three is the fewest with a median that one odd window cannot move.
const DEFAULT_ROUNDS = 3;

/**
 * Reads BENCH_DURATION, BENCH_ROUNDS, BENCH_ONLY and BENCH_MODES so a run can be shortened or narrowed without code edits.
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} knownModes
 * @returns {BenchConfig}
 */
export function readConfig(env, knownModes) {
  const durationSeconds = env.BENCH_DURATION ? Number(env.BENCH_DURATION) : DEFAULT_DURATION_SECONDS;
  if (!Number.isFinite(durationSeconds) || durationSeconds < 1 || durationSeconds > 120) {
    throw new Error(`BENCH_DURATION must be a number of seconds between 1 and 120, got "${env.BENCH_DURATION}"`);
  }
  const rounds = env.BENCH_ROUNDS ? Number(env.BENCH_ROUNDS) : DEFAULT_ROUNDS;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) {
    throw new Error(`BENCH_ROUNDS must be a whole number of rounds between 1 and 9, got "${env.BENCH_ROUNDS}"`);
  }
  const modes = (env.BENCH_MODES ?? knownModes.join(","))
    .split(",")
    .map((m) => m.trim().toLowerCase())
    .filter(Boolean);
  const unknown = modes.filter((m) => !knownModes.includes(m));
  if (modes.length === 0 || unknown.length > 0) {
    throw new Error(`BENCH_MODES must list some of ${knownModes.join(", ")}; got "${env.BENCH_MODES}"`);
  }
  return {
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds,
    only: env.BENCH_ONLY?.trim() || undefined,
    modes: [...new Set(modes)],
    rounds,
  };
}
