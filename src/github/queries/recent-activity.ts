import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { RECENT_ACTIVITY_QUERY } from "./documents";
import { runQuery } from "./run-query";

/** The window fetchRecentActivity counts over unless told otherwise. */
export const RECENT_ACTIVITY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const answer = z.object({
  repository: z
    .object({
      defaultBranchRef: z
        .object({
          target: z
            .union([
              z.object({ __typename: z.literal("Commit"), history: z.object({ totalCount: z.number().int() }) }),
              z.object({ __typename: z.enum(["Blob", "Tag", "Tree"]) }),
            ])
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
  pullRequests: z.object({ issueCount: z.number().int() }),
  issues: z.object({ issueCount: z.number().int() }),
});

export interface RecentActivity {
  /** The start of the window (ISO 8601); counts include what happened on or after it. */
  since: string;
  /** Commits on the default branch since then; null for an empty repository. */
  commits: number | null;
  pullRequests: number;
  issues: number;
}

/**
 * How busy a repository was over the last `days` days: commits on the default branch, and pull requests
 * and issues created, counted by GitHub's search; the window starts at midnight UTC, as `created:>=` takes whole days.
 * @see https://docs.github.com/en/search-github/searching-on-github/searching-issues-and-pull-requests#search-by-when-an-issue-or-pull-request-was-created-or-last-updated
 */
export async function fetchRecentActivity(
  env: Env,
  ref: RepositoryRef,
  options: { days?: number; now?: number } = {},
): Promise<RecentActivity> {
  // Search counts whole UTC days, so the commit count starts at the same midnight.
  const day = new Date((options.now ?? Date.now()) - (options.days ?? RECENT_ACTIVITY_DAYS) * DAY_MS).toISOString().slice(0, 10);
  const since = `${day}T00:00:00Z`;
  const scope = `repo:${ref.owner}/${ref.name}`;
  const data = await runQuery(env, ref, {
    document: RECENT_ACTIVITY_QUERY,
    variables: {
      owner: ref.owner,
      name: ref.name,
      since,
      pullRequests: `${scope} is:pr created:>=${day}`,
      issues: `${scope} is:issue created:>=${day}`,
    },
    answer,
    doing: `counting recent activity in ${repositoryName(ref)}`,
  });
  const target = data.repository?.defaultBranchRef?.target;
  return {
    since,
    commits: target?.__typename === "Commit" ? target.history.totalCount : null,
    pullRequests: data.pullRequests.issueCount,
    issues: data.issues.issueCount,
  };
}
