import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { RECENT_ISSUES_QUERY } from "./documents";
import { runQuery } from "./run-query";

/** The most issues GitHub's GraphQL API returns per page. */
const PAGE_SIZE = 100;
/** How many recent issues fetchRecentIssues reads unless told otherwise. */
export const RECENT_ISSUES_DEFAULT = 500;

const issue = z
  .object({
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string(),
    state: z.enum(["OPEN", "CLOSED"]),
    url: z.string(),
    createdAt: z.string(),
    labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
  })
  .transform(({ labels, ...rest }) => ({ ...rest, labels: (labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])) }));
/** An issue as similarity search needs it. Bodies are whole (up to GitHub's 65,536 characters); the caller caps them. */
export type RecentIssue = z.infer<typeof issue>;

const answer = z.object({
  repository: z
    .object({
      issues: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(issue.nullable()),
      }),
    })
    .nullable(),
});

/**
 * A repository's most recent issues, open and closed, newest first (pull requests excluded), read 100 to a
 * page with cursors, each page checked against the installation's GraphQL budget.
 * @see https://docs.github.com/en/graphql/guides/using-pagination-in-the-graphql-api
 */
export async function fetchRecentIssues(env: Env, ref: RepositoryRef, options: { limit?: number } = {}): Promise<RecentIssue[]> {
  const limit = Math.max(0, Math.floor(options.limit ?? RECENT_ISSUES_DEFAULT));
  const issues: RecentIssue[] = [];
  let after: string | null = null;
  while (issues.length < limit) {
    const data: z.infer<typeof answer> = await runQuery(env, ref, {
      document: RECENT_ISSUES_QUERY,
      variables: { owner: ref.owner, name: ref.name, first: Math.min(PAGE_SIZE, limit - issues.length), after },
      answer,
      doing: `reading recent issues of ${repositoryName(ref)}`,
    });
    const page = data.repository?.issues;
    if (!page) break;
    issues.push(...page.nodes.flatMap((n) => (n ? [n] : [])));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return issues.slice(0, limit);
}
