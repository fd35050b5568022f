import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { PULL_REQUEST_QUERY } from "./documents";
import { runQuery } from "./run-query";

const pullRequestDetails = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(["OPEN", "CLOSED", "MERGED"]),
  isDraft: z.boolean(),
  merged: z.boolean(),
  additions: z.number().int(),
  deletions: z.number().int(),
  changedFiles: z.number().int(),
  headRefOid: z.string(),
  baseRefName: z.string(),
  author: z.object({ login: z.string() }).nullable(),
});
export type PullRequestDetails = z.infer<typeof pullRequestDetails>;

const answer = z.object({ repository: z.object({ pullRequest: pullRequestDetails.nullable() }).nullable() });

export interface PullRequestRef extends RepositoryRef {
  number: number;
}

/** A pull request's current details through GitHub's GraphQL API (null when GitHub no longer has it). */
export async function fetchPullRequest(env: Env, ref: PullRequestRef): Promise<PullRequestDetails | null> {
  const data = await runQuery(env, ref, {
    document: PULL_REQUEST_QUERY,
    variables: { owner: ref.owner, name: ref.name, number: ref.number },
    answer,
    doing: `reading pull request ${repositoryName(ref)}#${ref.number}`,
  });
  return data.repository?.pullRequest ?? null;
}
