import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";
import { githubEntities, issueTriages, repositoryKeyOf, type ChronicleEventRow } from "../db/schema";
import { storedTriageSchema } from "../intelligence/issue-triage/stored-triage";
import type { IssueTriageView } from "./issue-triage";
import type { RepositoryView } from "./pull-request";
import { timelinePage } from "./timeline";

const isIssueKey = (key: unknown[]): key is [number, number] => key.length === 2 && Number.isSafeInteger(key[0]) && Number.isSafeInteger(key[1]);

/**
 * The issues of a repository (already authorized by Query.repository) that the App triaged or tried to, most
 * recently updated first. Needs `contexts:read`, as `issueTriage` does: triage results are what the gateway recorded.
 */
export async function listRepositoryIssues(ctx: RequestContext, repository: RepositoryView, args: { first?: number | null; after?: string | null }): Promise<Page<IssueTriageView>> {
  requireCapability(ctx.actor, "contexts:read");
  const limit = pageLimit(args.first);
  const t = issueTriages;
  const after = args.after ? decodeCursor(args.after, isIssueKey) : null;
  const rows = await ctx.db
    .select()
    .from(t)
    .where(
      and(
        eq(t.repositoryKey, repositoryKeyOf(repository.fullName)),
        eq(t.installationId, repository.installationId),
        after ? or(lt(t.updatedAt, after[0]), and(eq(t.updatedAt, after[0]), lt(t.number, after[1]))) : undefined,
      ),
    )
    .orderBy(desc(t.updatedAt), desc(t.number))
    .limit(limit + 1);
  const page = toPage(rows, limit, (row) => [row.updatedAt, row.number]);
  return {
    ...page,
    items: page.items.map((row) => {
      const parsed = row.result === null ? null : storedTriageSchema.safeParse(row.result);
      return { row, result: parsed?.success ? parsed.data : null };
    }),
  };
}

/**
 * The Chronicle events about a repository itself (pushes, installation changes, context refreshes of its
 * entity), newest first; empty while no event named it. Authorized by Query.repository; needs `contexts:read`
 * like every timeline read.
 */
export async function repositoryTimeline(ctx: RequestContext, repository: RepositoryView, args: { first?: number | null; after?: string | null }): Promise<Page<ChronicleEventRow>> {
  requireCapability(ctx.actor, "contexts:read");
  const [entity] = await ctx.db
    .select({ chittyId: githubEntities.chittyId })
    .from(githubEntities)
    .where(and(eq(githubEntities.kind, "repository"), sql`lower(${githubEntities.label}) = ${repositoryKeyOf(repository.fullName)}`))
    .orderBy(desc(githubEntities.createdAt))
    .limit(1);
  if (!entity) return { items: [], cursors: [], hasNextPage: false, endCursor: null };
  return timelinePage(ctx.db, { ...args, subjectId: entity.chittyId });
}
