import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { eq } from "drizzle-orm";
import { pullRequestReviews, type PullRequestFindingRow, type PullRequestReviewRow, type PullRequestRow } from "../db/schema";
import { findingsOf, latestReview } from "./review-records";
import { getPullRequest } from "./pull-request";

/** A review as GraphQL's PullRequestAnalysis shows it: the stored row and its findings, open ones first. */
export interface PullRequestAnalysisView {
  review: PullRequestReviewRow;
  findings: PullRequestFindingRow[];
}

/** The newest review of a pull request (a skipped one included) with its findings; null before the first. */
export async function analysisOf(db: Database, pr: Pick<PullRequestRow, "repositoryKey" | "number">): Promise<PullRequestAnalysisView | null> {
  const review = await latestReview(db, pr.repositoryKey, pr.number);
  return review ? withFindings(db, review) : null;
}

/** One stored review by id with its findings; null when it is gone. */
export async function analysisById(db: Database, reviewId: string): Promise<PullRequestAnalysisView | null> {
  const [review] = await db.select().from(pullRequestReviews).where(eq(pullRequestReviews.id, reviewId)).limit(1);
  return review ? withFindings(db, review) : null;
}

async function withFindings(db: Database, review: PullRequestReviewRow): Promise<PullRequestAnalysisView> {
  const findings = await findingsOf(db, review.id);
  return { review, findings: [...findings.filter((f) => f.status === "open"), ...findings.filter((f) => f.status === "resolved")] };
}

/** Query.pullRequestAnalysis: the pull request's newest review, authorized as getPullRequest. */
export async function pullRequestAnalysis(ctx: RequestContext, repository: string, number: number): Promise<PullRequestAnalysisView | null> {
  return analysisOf(ctx.db, await getPullRequest(ctx, repository, number));
}
