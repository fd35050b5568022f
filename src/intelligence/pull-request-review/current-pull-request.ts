import { fetchPullRequest, type PullRequestRef } from "../../github/queries/pull-request";

/** A pull request as GitHub describes it now: what a review job needs to decide what to review. */
export interface CurrentPullRequest {
  /** GitHub's node id of the pull request. */
  nodeId: string;
  headSha: string;
  open: boolean;
  title: string;
  draft: boolean;
  author: string | null;
}

/**
 * The pull request as it is when the review starts, through GitHub's GraphQL API; null when GitHub no longer has
 * it. Events are snapshots: by the time a queued review runs, more commits may have been pushed, and the review
 * is of the newest head.
 */
export async function currentPullRequest(env: Env, ref: PullRequestRef): Promise<CurrentPullRequest | null> {
  const live = await fetchPullRequest(env, ref);
  if (!live) return null;
  return { nodeId: live.id, headSha: live.headRefOid, open: live.state === "OPEN", title: live.title, draft: live.isDraft, author: live.author?.login ?? null };
}
