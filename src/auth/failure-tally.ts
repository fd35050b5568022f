import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { authFailureMinutes } from "../db/schema";

/** Requested paths are kept this long at most: an 8,000-character path is an attack, not a record. */
export const MAX_RECORDED_PATH = 200;
/** Samples kept per minute and reason; the count keeps the rest. */
export const SAMPLES_PER_MINUTE = 5;

export interface AuthFailure {
  reason: string;
  method: string;
  path: string;
  actorId?: string;
}

export const truncatePath = (path: string) => (path.length > MAX_RECORDED_PATH ? `${path.slice(0, MAX_RECORDED_PATH)}…` : path);

/**
 * Counts a refused unauthenticated request in its minute: one row per minute and reason, its count bumped and up to
 * SAMPLES_PER_MINUTE truncated samples kept. A flood of bad requests moves counters; it does not grow the database.
 */
export function tallyAuthFailure(db: Database, failure: AuthFailure, now = Date.now()): Promise<unknown> {
  const minute = Math.floor(now / 60_000) * 60_000;
  const sample = { method: failure.method.slice(0, 10), path: truncatePath(failure.path), actorId: failure.actorId ?? null };
  const t = authFailureMinutes;
  return db
    .insert(t)
    .values({ minute, reason: failure.reason.slice(0, 64), count: 1, samples: [sample] })
    .onConflictDoUpdate({
      target: [t.minute, t.reason],
      set: {
        count: sql`${t.count} + 1`,
        samples: sql`CASE WHEN json_array_length(${t.samples}) < ${SAMPLES_PER_MINUTE}
          THEN json_insert(${t.samples}, '$[#]', json(json_extract(excluded.samples, '$[0]'))) ELSE ${t.samples} END`,
      },
    })
    .run();
}
