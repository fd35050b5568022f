import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { pullRequests, type PullRequestRow } from "../../db/schema";

/**
 * How long a review job holds its pull request. Longer than any review takes (its GitHub calls are bounded and
 * retried through the queue); a job that dies without a word loses the hold after this, and its message's retry,
 * or the next request, takes over.
 */
export const REVIEW_LEASE_MS = 10 * 60_000;

/** The row of one pull request. */
export const pullRequestKey = (key: string, number: number) => and(eq(pullRequests.repositoryKey, key), eq(pullRequests.number, number));

/**
 * Takes a pull request's waiting review for the job `jobId` (its queue message id), clearing the request: one
 * statement, so of two jobs only one gets it. A job also gets back the hold it had (its message is being retried).
 * Null when no review waits or another job holds the pull request: that job looks for a waiting review when it
 * finishes, so nothing is lost by acknowledging.
 */
export async function claimReview(db: Database, key: string, number: number, jobId: string, now: number): Promise<PullRequestRow | null> {
  const [row] = await db
    .update(pullRequests)
    .set({ runningBy: jobId, runningUntil: now + REVIEW_LEASE_MS, reviewRequestedAt: null, updatedAt: now })
    .where(
      and(
        pullRequestKey(key, number),
        or(isNotNull(pullRequests.reviewRequestedAt), eq(pullRequests.runningBy, jobId)),
        or(isNull(pullRequests.runningBy), lte(pullRequests.runningUntil, now), eq(pullRequests.runningBy, jobId)),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Gives the hold back, for the job's last batch; it returns when a review was requested meanwhile, which the
 * job then sends on so that the newest head gets its review. `fullDone` clears an explicit full-review request
 * the job honoured (one made while it ran is cleared with it: the review it asked for has just been done).
 */
export function releaseReview(db: Database, key: string, number: number, jobId: string, now: number, options: { lastError?: string | null; fullDone?: boolean } = {}) {
  return db
    .update(pullRequests)
    .set({ runningBy: null, runningUntil: null, lastError: options.lastError ?? null, updatedAt: now, ...(options.fullDone ? { fullReviewRequested: false } : {}) })
    .where(and(pullRequestKey(key, number), eq(pullRequests.runningBy, jobId)))
    .returning({ requestedAt: pullRequests.reviewRequestedAt, repository: pullRequests.repository });
}

/** Pull requests whose review has waited longer than `olderThanMs` with no job holding them: their request was lost. */
export function staleReviewRequests(db: Database, now: number, olderThanMs: number) {
  return db
    .select({ repository: pullRequests.repository, number: pullRequests.number })
    .from(pullRequests)
    .where(
      and(
        lte(pullRequests.reviewRequestedAt, now - olderThanMs),
        or(isNull(pullRequests.runningBy), lte(pullRequests.runningUntil, now)),
      ),
    )
    .orderBy(pullRequests.reviewRequestedAt)
    .limit(100);
}

/** The statement that records a request: the newest head, and a waiting review unless one already waits. */
export function requestReviewStatement(
  db: Database,
  pr: { repository: string; key: string; number: number; nodeId: string; installationId: number; headSha: string },
  now: number,
) {
  return db
    .insert(pullRequests)
    .values({ repositoryKey: pr.key, number: pr.number, repository: pr.repository, nodeId: pr.nodeId, installationId: pr.installationId, headSha: pr.headSha, reviewRequestedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [pullRequests.repositoryKey, pullRequests.number],
      set: {
        repository: pr.repository,
        nodeId: pr.nodeId,
        installationId: pr.installationId,
        headSha: pr.headSha,
        // The oldest waiting request's time is kept: it is what the sweep measures.
        reviewRequestedAt: sql`coalesce(${pullRequests.reviewRequestedAt}, ${now})`,
        updatedAt: now,
      },
    });
}
