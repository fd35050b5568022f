import type { BatchItem } from "../db/batch";
import type { Database } from "../db/client";
import type { OutboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../ecosystem/record-change";
import { truncatePath } from "./failure-tally";

/** Chronicle subject for failures that cannot be pinned on an actor. */
export const ANONYMOUS_SUBJECT = "anonymous";

/**
 * Records a refused request of an authenticated actor in Chronicle (`auth.denied`, a 403). Runs after the
 * response (waitUntil). The actor's own request budget bounds how many it can cause; unauthenticated failures
 * are only counted (failure-tally.ts), since anyone can cause those.
 */
export function recordAuthFailure(
  db: Database,
  failure: { type: "auth.failed" | "auth.denied"; actorId?: string; reason: string; method: string; path: string },
  targets: OutboxTargets,
): Promise<unknown> {
  const statements = recordEvent(
    db,
    {
      type: failure.type,
      subjectId: failure.actorId ?? ANONYMOUS_SUBJECT,
      actorId: failure.actorId ?? null,
      data: { reason: failure.reason.slice(0, 300), method: failure.method, path: truncatePath(failure.path) },
      now: Date.now(),
    },
    targets,
  );
  return db.batch(statements as [BatchItem, ...BatchItem[]]);
}
