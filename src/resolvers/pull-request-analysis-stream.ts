import { eq } from "drizzle-orm";
import type { RequestContext } from "../context";
import { githubEntities } from "../db/schema";
import { chronicleSource } from "../subscriptions/chronicle-source";
import { openFeed, resumeCursor } from "../subscriptions/follow-feed";
import { analysisById, type PullRequestAnalysisView } from "./pull-request-analysis";
import { getPullRequest } from "./pull-request";
import { chronicleFilter } from "./timeline-stream";

/** The Chronicle event every review writes; the stream follows it. */
export const REVIEWED_EVENT = "github.pull_request.reviewed";

export interface PullRequestAnalysisUpdate {
  cursor: string;
  analysis: PullRequestAnalysisView;
}

/**
 * Opens a stream of a pull request's reviews as each one is stored, authorized as Query.pullRequestAnalysis. The
 * reviews are the pull request's `github.pull_request.reviewed` Chronicle events, so timeline cursors resume it;
 * each is answered with the review it names, as stored now (a later review of the same head replaces a skipped one).
 */
export async function openPullRequestAnalysisStream(
  ctx: RequestContext,
  args: { repository: string; number: number; after?: string | null },
): Promise<AsyncGenerator<PullRequestAnalysisUpdate>> {
  const pr = await getPullRequest(ctx, args.repository, args.number);
  const [entity] = await ctx.db.select({ chittyId: githubEntities.chittyId }).from(githubEntities).where(eq(githubEntities.githubKey, pr.nodeId)).limit(1);
  // Without its ChittyID yet (no event recorded it), the pull request is found by what its reviews say.
  const filter = entity
    ? chronicleFilter(entity.chittyId, [REVIEWED_EVENT])
    : {
        ...chronicleFilter(null, [REVIEWED_EVENT]),
        match: (row: { type: string; data: Record<string, unknown> }) =>
          row.type === REVIEWED_EVENT && String(row.data.repository).toLowerCase() === pr.repositoryKey && row.data.number === pr.number,
      };
  const feed = await openFeed(ctx, chronicleSource, filter, resumeCursor(ctx, chronicleSource, args.after));
  return (async function* () {
    for await (const { cursor, row } of feed) {
      const analysis = typeof row.data.reviewId === "string" ? await analysisById(ctx.db, row.data.reviewId) : null;
      if (analysis) yield { cursor, analysis };
    }
  })();
}
