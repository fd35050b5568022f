import { z } from "zod";

/** POLL_INTERVAL_MS when wrangler.toml leaves it out. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;
/** An idle poller slows down to at most this many intervals between reads. */
export const MAX_IDLE_FACTOR = 5;
/** Empty cycles in a row before each further step of slowing down. */
const EMPTY_CYCLES_PER_STEP = 5;

// Below 100 ms D1 would spend its time on empty reads; above a minute a stream is no longer live.
const interval = z.coerce.number().int().min(100).max(60_000);

/** The poll interval from the POLL_INTERVAL_MS var; a value that is not a whole number of ms in 100..60000 is refused loudly. */
export function pollIntervalMs(env: Pick<Env, "POLL_INTERVAL_MS">): number {
  const raw = env.POLL_INTERVAL_MS;
  if (raw === undefined || raw === "") return DEFAULT_POLL_INTERVAL_MS;
  const parsed = interval.safeParse(raw);
  if (!parsed.success) throw new Error(`POLL_INTERVAL_MS must be a whole number of milliseconds from 100 to 60000, not "${raw}"`);
  return parsed.data;
}

/**
 * The wait before the next read after `emptyCycles` reads in a row found nothing: one interval while events
 * flow, then one more interval per five empty reads, up to MAX_IDLE_FACTOR intervals.
 */
export function idleDelayMs(intervalMs: number, emptyCycles: number): number {
  return intervalMs * Math.min(MAX_IDLE_FACTOR, 1 + Math.floor(emptyCycles / EMPTY_CYCLES_PER_STEP));
}
