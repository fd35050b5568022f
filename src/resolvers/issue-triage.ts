import { and, desc, eq } from "drizzle-orm";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { issueTriages, type IssueTriageRow } from "../db/schema";
import { storedTriageSchema, type StoredTriage } from "../intelligence/issue-triage/stored-triage";
import { repositoryVisibleTo } from "./repository-visibility";

/** An issue's triage as the API shows it: the row's state and the last completed result, if any. */
export interface IssueTriageView {
  row: IssueTriageRow;
  /** Null before the first completed triage, or if the stored result no longer parses (logged). */
  result: StoredTriage | null;
}

/**
 * The triage of an issue, by repository (`owner/name`, any case) and number: null when the App never triaged it,
 * and exactly the same for an issue of an installation the caller may not see (see repositoryVisibleTo).
 * Needs `contexts:read`, like every read of what the gateway recorded.
 */
export async function loadIssueTriage(ctx: RequestContext, repository: string, number: number): Promise<IssueTriageView | null> {
  requireCapability(ctx.actor, "contexts:read");
  const [row] = await ctx.db
    .select()
    .from(issueTriages)
    .where(and(eq(issueTriages.repositoryKey, repository.toLowerCase()), eq(issueTriages.number, number)))
    // A repository deleted and created again under the same name has a new node id: the newest row is today's.
    .orderBy(desc(issueTriages.updatedAt))
    .limit(1);
  if (!row || !(await repositoryVisibleTo(ctx, row.installationId))) return null;
  if (row.result === null) return { row, result: null };
  const parsed = storedTriageSchema.safeParse(row.result);
  if (!parsed.success) console.error("stored triage result does not parse; it is not shown", { repository: row.repository, number, issue: parsed.error.issues[0]?.message });
  return { row, result: parsed.success ? parsed.data : null };
}
