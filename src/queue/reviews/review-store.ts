import { eq } from "drizzle-orm";
import { insertChunks, type BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { pullRequestFindings, pullRequestReviews } from "../../db/schema";
import type { Finding } from "../../intelligence/analysis/finding";
import { LIMITS } from "../../limits";

export type ReviewRecord = typeof pullRequestReviews.$inferInsert & { id: string };

// D1 binds at most 100 parameters per statement; a finding row binds 11.
const FINDINGS_PER_STATEMENT = 9;

/** Whether a review's findings fit what is stored of them. */
export function findingsFit(open: Finding[], resolved: Finding[]): boolean {
  return open.length <= LIMITS.storedFindingsPerReview && resolved.length <= LIMITS.storedFindingsPerReview;
}

/**
 * The writes that store a review of one head SHA, for the job's batch: the row (replacing the skipped review of the
 * same head, whose id it keeps) and its findings, open ones (most severe first, capped) and the previous review's
 * that are gone (resolved).
 */
export function reviewWrites(db: Database, record: ReviewRecord, findings: { open: Finding[]; resolved: Finding[]; isNew: (finding: Finding) => boolean }): BatchItem[] {
  const { id, repositoryKey, number, headSha, ...rest } = record;
  const rows = [
    ...findings.open.slice(0, LIMITS.storedFindingsPerReview).map((f) => ({ ...columns(id, f), status: "open" as const, isNew: findings.isNew(f) })),
    ...findings.resolved.slice(0, LIMITS.storedFindingsPerReview).map((f) => ({ ...columns(id, f), status: "resolved" as const, isNew: false })),
  ];
  return [
    db.delete(pullRequestFindings).where(eq(pullRequestFindings.reviewId, id)),
    db
      .insert(pullRequestReviews)
      .values(record)
      .onConflictDoUpdate({ target: [pullRequestReviews.repositoryKey, pullRequestReviews.number, pullRequestReviews.headSha], set: rest }),
    ...insertChunks(db, pullRequestFindings, rows, FINDINGS_PER_STATEMENT),
  ];
}

function columns(reviewId: string, finding: Finding) {
  const { ruleId, severity, path, line, message, evidence, suggestion, fingerprint } = finding;
  return { reviewId, ruleId, severity, path, line, message, evidence, suggestion, fingerprint };
}
