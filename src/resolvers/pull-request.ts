import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { hasCapability, requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";
import { installationRepositories, pullRequests, repositoryContexts, repositoryKeyOf, type PullRequestRow } from "../db/schema";
import { NotFoundError } from "../errors";
import { installationVisibleTo } from "./installation-grant";

/** A repository the App reviews for, as GraphQL's Repository shows it. */
export interface RepositoryView {
  fullName: string;
  installationId: number;
}

/**
 * Reading reviews needs `connections:read` (what reads an installation's github connections) unless the caller is
 * github:admin, and then the installation itself must be the caller's to see (installationVisibleTo).
 */
function requireReader(ctx: RequestContext): void {
  if (!hasCapability(ctx.actor, "github:admin")) requireCapability(ctx.actor, "connections:read");
}

/** A pull request the App was told about, when the caller may see its installation; NotFound otherwise, in the same words. */
export async function getPullRequest(ctx: RequestContext, repository: string, number: number): Promise<PullRequestRow> {
  requireReader(ctx);
  const [row] = await ctx.db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.repositoryKey, repositoryKeyOf(repository)), eq(pullRequests.number, number)))
    .limit(1);
  if (!row || !(await installationVisibleTo(ctx, row.installationId))) throw new NotFoundError("Pull request", `${repository}#${number}`);
  return row;
}

/**
 * A repository, by `owner/name`: one an installation can reach, or one whose pull requests the App has reviewed.
 * NotFound, in the same words, when the caller may not see its installation.
 */
export async function getRepository(ctx: RequestContext, fullName: string): Promise<RepositoryView> {
  requireReader(ctx);
  const key = repositoryKeyOf(fullName);
  const listed = await ctx.db
    .select({ installationId: installationRepositories.installationId, fullName: installationRepositories.fullName })
    .from(installationRepositories)
    .where(sql`lower(${installationRepositories.fullName}) = ${key}`)
    .limit(10);
  const [reviewed] = await ctx.db.select({ installationId: pullRequests.installationId, fullName: pullRequests.repository }).from(pullRequests).where(eq(pullRequests.repositoryKey, key)).limit(1);
  // A repository the App only triaged issues of, or keeps a context for, is known too.
  const [described] = await ctx.db.select({ installationId: repositoryContexts.installationId, fullName: repositoryContexts.repository }).from(repositoryContexts).where(eq(repositoryContexts.repositoryKey, key)).limit(1);
  for (const candidate of [...listed, ...(reviewed ? [reviewed] : []), ...(described ? [described] : [])]) {
    if (await installationVisibleTo(ctx, candidate.installationId)) return candidate;
  }
  throw new NotFoundError("Repository", fullName);
}

const isKey = (key: unknown[]): key is [number, number, string] => key.length === 3 && Number.isSafeInteger(key[0]) && Number.isSafeInteger(key[1]) && typeof key[2] === "string";

/** Pull requests, most recently active first, of a repository or of an installation (already authorized by the caller). */
export async function listPullRequests(
  ctx: RequestContext,
  where: { repository: RepositoryView } | { installationId: number },
  args: { first?: number | null; after?: string | null },
): Promise<Page<PullRequestRow>> {
  const limit = pageLimit(args.first);
  const t = pullRequests;
  const scope =
    "repository" in where
      ? and(eq(t.repositoryKey, repositoryKeyOf(where.repository.fullName)), eq(t.installationId, where.repository.installationId))
      : eq(t.installationId, where.installationId);
  const after = args.after ? decodeCursor(args.after, isKey) : null;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        scope,
        after
          ? or(lt(t.updatedAt, after[0]), and(eq(t.updatedAt, after[0]), lt(t.repositoryKey, after[2])), and(eq(t.updatedAt, after[0]), eq(t.repositoryKey, after[2]), lt(t.number, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(t.updatedAt), desc(t.repositoryKey), desc(t.number))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.updatedAt, row.number, row.repositoryKey]);
}

/** One pull request of a repository the caller already reached (getRepository); null when the App was never told of it. */
export async function repositoryPullRequest(ctx: RequestContext, repository: RepositoryView, number: number): Promise<PullRequestRow | null> {
  const [row] = await ctx.db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.repositoryKey, repositoryKeyOf(repository.fullName)), eq(pullRequests.number, number), eq(pullRequests.installationId, repository.installationId)))
    .limit(1);
  return row ?? null;
}
