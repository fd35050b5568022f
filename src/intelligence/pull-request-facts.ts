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
  /** null when GitHub was not asked or no longer has the pull request (its repository was deleted). */
  size: { additions: number; deletions: number; changedFiles: number } | null;
}

/** A pull request as its payload describes it, for when GitHub is not asked (no installation to ask as). */
export function payloadFacts(payload: PayloadPullRequest): PullRequestFacts {
  return { title: payload.title, merged: payload.merged ?? false, draft: payload.draft ?? false, author: payload.author, size: null };
}

/**
 * A pull request as it is now: GitHub's GraphQL answer where there is one, the payload where there is
 * not. Payloads are a snapshot at send time (and carry no size); queued deliveries can be seconds old.
 */
export async function pullRequestFacts(env: Env, ref: PullRequestRef, payload: PayloadPullRequest): Promise<PullRequestFacts> {
  const live = await fetchPullRequest(env, ref);
  if (!live) return payloadFacts(payload);
  return {
    title: live.title,
    merged: live.merged,
    draft: live.isDraft,
    author: live.author?.login ?? payload.author,
    size: { additions: live.additions, deletions: live.deletions, changedFiles: live.changedFiles },
  };
}
