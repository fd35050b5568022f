import { fetchPullRequest, type PullRequestRef } from "../github/queries/pull-request";

/** What a pull_request payload says, which GitHub's current answer may have overtaken. */
export interface PayloadPullRequest {
  title: string;
  merged?: boolean | null;
  draft?: boolean;
  author: string | null;
}

export interface PullRequestFacts {
  title: string;
  merged: boolean;
  draft: boolean;
  author: string | null;
  /** null when GitHub no longer has the pull request (its repository was deleted). */
  size: { additions: number; deletions: number; changedFiles: number } | null;
}

/**
 * A pull request as it is now: GitHub's GraphQL answer where there is one, the payload where there is
 * not. Payloads are a snapshot at send time (and carry no size); queued deliveries can be seconds old.
 */
export async function pullRequestFacts(env: Env, ref: PullRequestRef, payload: PayloadPullRequest): Promise<PullRequestFacts> {
  const live = await fetchPullRequest(env, ref);
  return {
    title: live?.title ?? payload.title,
    merged: live?.merged ?? payload.merged ?? false,
    draft: live?.isDraft ?? payload.draft ?? false,
    author: live?.author?.login ?? payload.author,
    size: live ? { additions: live.additions, deletions: live.deletions, changedFiles: live.changedFiles } : null,
  };
}
