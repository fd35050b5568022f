import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { PATH_AUTHORS_QUERY } from "./documents";
import { PATH_AUTHORS_PER_QUERY } from "./known-paths";
import { runQuery } from "./run-query";

/** How many of each path's latest commits are read unless told otherwise. */
export const PATH_AUTHORS_DEFAULT_COMMITS = 20;

const commit = z.object({
  committedDate: z.string(),
  author: z.object({ name: z.string().nullable(), user: z.object({ login: z.string() }).nullable() }).nullable(),
});
const history = z.object({ nodes: z.array(commit.nullable()) }).optional();
const slots = Array.from({ length: PATH_AUTHORS_PER_QUERY }, (_, i) => i);
// The default branch's target: a Commit carries one history per included slot (path0 ... path9).
const target = z.union([z.object({ __typename: z.literal("Commit") }).catchall(history), z.object({ __typename: z.enum(["Blob", "Tag", "Tree"]) })]);
const answer = z.object({
  repository: z.object({ defaultBranchRef: z.object({ target: target.nullable() }).nullable() }).nullable(),
});

/** The author of one commit that touched a path: their GitHub login when the commit email maps to an account. */
export interface PathCommitAuthor {
  login: string | null;
  name: string | null;
  committedDate: string;
}

/**
 * The authors of the latest commits touching each path on the default branch, newest first, asking for 10
 * paths per query (one alias each). A path nobody committed to, or an empty repository, gets an empty list.
 * @see https://docs.github.com/en/graphql/reference/objects#commit
 */
export async function fetchPathAuthors(
  env: Env,
  ref: RepositoryRef,
  paths: string[],
  options: { commitsPerPath?: number } = {},
): Promise<Map<string, PathCommitAuthor[]>> {
  const unique = [...new Set(paths)];
  const first = Math.min(100, Math.max(1, Math.floor(options.commitsPerPath ?? PATH_AUTHORS_DEFAULT_COMMITS)));
  const authors = new Map<string, PathCommitAuthor[]>(unique.map((path) => [path, []]));
  for (let start = 0; start < unique.length; start += PATH_AUTHORS_PER_QUERY) {
    const chunk = unique.slice(start, start + PATH_AUTHORS_PER_QUERY);
    const data = await runQuery(env, ref, {
      document: PATH_AUTHORS_QUERY,
      variables: {
        owner: ref.owner,
        name: ref.name,
        first,
        ...Object.fromEntries(slots.flatMap((i) => [[`path${i}`, chunk[i] ?? null], [`include${i}`, i < chunk.length]])),
      },
      answer,
      doing: `reading who committed to ${chunk.length} paths of ${repositoryName(ref)}`,
    });
    const head = data.repository?.defaultBranchRef?.target;
    if (head?.__typename !== "Commit") continue;
    chunk.forEach((path, i) => {
      const commits = head[`path${i}`];
      authors.set(
        path,
        (commits?.nodes ?? []).flatMap((c) =>
          c ? [{ login: c.author?.user?.login ?? null, name: c.author?.name ?? null, committedDate: c.committedDate }] : [],
        ),
      );
    });
  }
  return authors;
}
