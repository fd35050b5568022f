import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { pullRequestFindings, pullRequestReviews, type PullRequestFindingRow, type PullRequestReviewRow } from "../db/schema";
import { categoryOf, type Finding } from "../intelligence/analysis/finding";

const review = pullRequestReviews;
const ofPullRequest = (key: string, number: number) => and(eq(review.repositoryKey, key), eq(review.number, number));

/** The review of one head SHA of a pull request, finished or skipped; undefined when there is none. */
export async function reviewAtHead(db: Database, key: string, number: number, headSha: string): Promise<PullRequestReviewRow | undefined> {
  const [row] = await db.select().from(review).where(and(ofPullRequest(key, number), eq(review.headSha, headSha))).limit(1);
  return row;
}

/** The newest review of a pull request (skipped ones included), or undefined. */
export async function latestReview(db: Database, key: string, number: number): Promise<PullRequestReviewRow | undefined> {
  const [row] = await db.select().from(review).where(ofPullRequest(key, number)).orderBy(desc(review.reviewedAt), desc(review.id)).limit(1);
  return row;
}

/** The newest reviews of a pull request, newest first. */
export function reviewHistory(db: Database, key: string, number: number, limit: number): Promise<PullRequestReviewRow[]> {
  return db.select().from(review).where(ofPullRequest(key, number)).orderBy(desc(review.reviewedAt), desc(review.id)).limit(limit);
}

/** The newest finished (not skipped) review of a pull request and its open findings: what the next review builds on. */
export async function lastFinishedReview(db: Database, key: string, number: number): Promise<{ row: PullRequestReviewRow; findings: Finding[] } | null> {
  const [row] = await db
    .select()
    .from(review)
    .where(and(ofPullRequest(key, number), eq(review.status, "completed")))
    .orderBy(desc(review.reviewedAt), desc(review.id))
    .limit(1);
  if (!row) return null;
  return { row, findings: (await findingsOf(db, row.id, "open")).map(toFinding) };
}

/** A review's stored findings, most severe first as they were stored; `status` keeps one kind. */
export function findingsOf(db: Database, reviewId: string, status?: PullRequestFindingRow["status"]): Promise<PullRequestFindingRow[]> {
  const where = status ? and(eq(pullRequestFindings.reviewId, reviewId), eq(pullRequestFindings.status, status)) : eq(pullRequestFindings.reviewId, reviewId);
  return db.select().from(pullRequestFindings).where(where).orderBy(asc(pullRequestFindings.id));
}

/** A stored finding as the analysis engine's Finding (the category is its rule id's first segment). */
export function toFinding(row: PullRequestFindingRow): Finding {
  return {
    ruleId: row.ruleId,
    category: categoryOf(row.ruleId),
    severity: row.severity,
    path: row.path,
    line: row.line,
    message: row.message,
    evidence: row.evidence,
    suggestion: row.suggestion,
    fingerprint: row.fingerprint,
  };
}
