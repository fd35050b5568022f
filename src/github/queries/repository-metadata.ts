import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { REPOSITORY_METADATA_QUERY } from "./documents";
import { runQuery } from "./run-query";

const repository = z
  .object({
    id: z.string(),
    nameWithOwner: z.string(),
    description: z.string().nullable(),
    isFork: z.boolean(),
    isArchived: z.boolean(),
    // Null for an empty repository, which has no branch yet.
    defaultBranchRef: z.object({ name: z.string(), target: z.object({ oid: z.string() }).nullable() }).nullable(),
    primaryLanguage: z.object({ name: z.string() }).nullable(),
    languages: z.object({ totalSize: z.number().int(), edges: z.array(z.object({ size: z.number().int(), node: z.object({ name: z.string() }) })) }).nullable(),
    repositoryTopics: z.object({ nodes: z.array(z.object({ topic: z.object({ name: z.string() }) }).nullable()) }),
    labels: z.object({ totalCount: z.number().int(), nodes: z.array(z.object({ name: z.string(), description: z.string().nullable() }).nullable()) }).nullable(),
  })
  .transform((r) => ({
    id: r.id,
    nameWithOwner: r.nameWithOwner,
    description: r.description,
    isFork: r.isFork,
    isArchived: r.isArchived,
    defaultBranch: r.defaultBranchRef ? { name: r.defaultBranchRef.name, headOid: r.defaultBranchRef.target?.oid ?? null } : null,
    primaryLanguage: r.primaryLanguage?.name ?? null,
    languages: (r.languages?.edges ?? []).map((e) => ({ name: e.node.name, size: e.size })),
    topics: r.repositoryTopics.nodes.flatMap((n) => (n ? [n.topic.name] : [])),
    labels: (r.labels?.nodes ?? []).flatMap((l) => (l ? [l] : [])),
    labelsTruncated: (r.labels?.totalCount ?? 0) > (r.labels?.nodes.length ?? 0),
  }));
/** What a repository is: its default branch and head, languages by size, topics and its labels. */
export type RepositoryMetadata = z.infer<typeof repository>;

/**
 * A repository's metadata through GraphQL: id, default branch (name and head commit), primary language and
 * the 10 largest languages, topics, and the first 100 labels with their descriptions (`labelsTruncated` when
 * there are more). Null when GitHub no longer has the repository.
 * @see https://docs.github.com/en/graphql/reference/objects#repository
 */
export async function fetchRepositoryMetadata(env: Env, ref: RepositoryRef): Promise<RepositoryMetadata | null> {
  const data = await runQuery(env, ref, {
    document: REPOSITORY_METADATA_QUERY,
    variables: { owner: ref.owner, name: ref.name },
    answer: z.object({ repository: repository.nullable() }),
    doing: `reading the metadata of ${repositoryName(ref)}`,
  });
  return data.repository;
}
