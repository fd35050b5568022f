import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { ISSUE_QUERY } from "./documents";
import { runQuery } from "./run-query";

const issue = z
  .object({
    id: z.string(),
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string(),
    state: z.enum(["OPEN", "CLOSED"]),
    // null when the author's account was deleted.
    author: z.object({ login: z.string() }).nullable(),
    labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
    reactions: z.object({ totalCount: z.number().int().nonnegative() }),
  })
  .transform(({ labels, author, reactions, state, ...rest }) => ({
    ...rest,
    state: state === "OPEN" ? ("open" as const) : ("closed" as const),
    author: author?.login ?? null,
    labels: (labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    reactions: reactions.totalCount,
  }));
/** An issue as it is now: its text, its labels (the first 100) and how many reactions it has. */
export type CurrentIssue = z.infer<typeof issue>;

const answer = z.object({ repository: z.object({ issue: issue.nullable() }).nullable() });

/**
 * An issue's current title, body, state, labels and reaction count through GraphQL; null when GitHub no longer
 * has it there (deleted, or the repository is gone). A transferred issue or a pull request's number is an error.
 * @see https://docs.github.com/en/graphql/reference/objects#issue
 */
export async function fetchIssue(env: Env, ref: RepositoryRef, number: number): Promise<CurrentIssue | null> {
  const data = await runQuery(env, ref, {
    document: ISSUE_QUERY,
    variables: { owner: ref.owner, name: ref.name, number },
    answer,
    doing: `reading issue ${repositoryName(ref)}#${number}`,
  });
  return data.repository?.issue ?? null;
}
