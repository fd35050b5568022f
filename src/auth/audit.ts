import type { Database } from "../db/client";
import { chronicleEventFor } from "../ecosystem/chronicle";

/** Chronicle subject for failures that cannot be pinned on an actor (no or unknown credential). */
export const ANONYMOUS_SUBJECT = "anonymous";

/**
 * Records a refused request in Chronicle: `auth.failed` for 401s, `auth.denied` for 403s.
 * Runs after the response (waitUntil), so a flood of bad requests does not slow good ones.
 */
export function recordAuthFailure(
  db: Database,
  failure: { type: "auth.failed" | "auth.denied"; actorId?: string; reason: string; method: string; path: string },
): Promise<unknown> {
  return chronicleEventFor(db, {
    type: failure.type,
    subjectId: failure.actorId ?? ANONYMOUS_SUBJECT,
    actorId: failure.actorId ?? null,
    data: { reason: failure.reason, method: failure.method, path: failure.path },
    now: Date.now(),
  }).run();
}
