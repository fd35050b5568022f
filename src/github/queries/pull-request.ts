import { z } from "zod";
import { checkGraphqlBudget, noteGraphqlBudget, rateLimitInfo } from "../graphql-budget";
import { githubGraphql } from "../graphql-client";
import { githubError } from "../github-request";
import { callAsInstallation } from "../installation-call";
import { PULL_REQUEST_QUERY } from "./documents";

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

const answer = z.object({
  repository: z.object({ pullRequest: pullRequestDetails.nullable() }).nullable(),
  rateLimit: rateLimitInfo,
});

export interface PullRequestRef {
  installationId: number;
  deliveryId: string;
  owner: string;
  name: string;
  number: number;
}

/** A pull request's current details through GitHub's GraphQL API (null when GitHub no longer has it). */
export async function fetchPullRequest(env: Env, ref: PullRequestRef): Promise<PullRequestDetails | null> {
  checkGraphqlBudget(ref.installationId);
  const doing = `reading pull request ${ref.owner}/${ref.name}#${ref.number}`;
  const data = await callAsInstallation(env, { ...ref, doing, idempotent: true }, (token) =>
    githubGraphql(env, token)(PULL_REQUEST_QUERY, { owner: ref.owner, name: ref.name, number: ref.number }),
  );
  const result = answer.safeParse(data);
  if (!result.success) throw githubError(result.error, doing);
  const parsed = result.data;
  noteGraphqlBudget(ref.installationId, parsed.rateLimit);
  return parsed.repository?.pullRequest ?? null;
}
