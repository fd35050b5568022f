import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { repositoryContexts, type RepositoryContextRow } from "../../db/schema";
import type { ContextMessage } from "./triage-message";

const t = repositoryContexts;
/** A repository's context is refreshed at most once in this long (issue 12). */
export const CONTEXT_REFRESH_INTERVAL_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/**
 * Claims the right to (re)build a repository's context, in one conditional upsert that D1 runs atomically: the
 * first job for a repository creates its row; later ones move `claimed_at` forward only when the last claim is at
 * least 10 minutes old (a push), or only while no context exists yet (an installation or first event). Of two
 * concurrent pushes exactly one gets the row back. A retry of the job that holds the claim may go on until its
 * refresh commits.
 */
export async function claimContextRefresh(db: Database, message: ContextMessage, now: number): Promise<RepositoryContextRow | null> {
  const { repository, jobId } = message;
  const identity = { repository: repository.fullName, repositoryKey: repository.fullName.toLowerCase(), installationId: repository.installationId };
  // The job holding the claim may try again while its refresh has not committed; once it has, a copy of it may not.
  const retrying = and(eq(t.claimJob, jobId), or(isNull(t.refreshedAt), sql`${t.refreshedAt} < ${t.claimedAt}`));
  const due = or(retrying, sql`${t.claimedAt} <= ${now - CONTEXT_REFRESH_INTERVAL_MS}`);
  const [claimed] = await db
    .insert(t)
    .values({ repositoryNodeId: repository.nodeId, ...identity, claimedAt: now, claimJob: jobId })
    .onConflictDoUpdate({
      target: t.repositoryNodeId,
      set: { ...identity, claimedAt: now, claimJob: jobId },
      setWhere: message.reason === "push" ? due : and(due, isNull(t.contextId)),
    })
    .returning();
  return claimed ?? null;
}

/** The write that records a committed refresh, for the batch that carries the context's own writes. */
export function refreshedWrite(db: Database, message: ContextMessage, contextId: string, now: number): BatchItem {
  return db
    .update(t)
    .set({ contextId, refreshedAt: now, refreshes: sql`${t.refreshes} + 1`, lastError: null })
    .where(and(eq(t.repositoryNodeId, message.repository.nodeId), eq(t.claimJob, message.jobId)));
}

/** Records why a refresh did not happen, where `repositoryContext` shows it. */
export async function recordContextError(db: Database, message: ContextMessage, error: string): Promise<void> {
  await db
    .update(t)
    .set({ lastError: error.slice(0, MAX_ERROR_LENGTH) })
    .where(and(eq(t.repositoryNodeId, message.repository.nodeId), eq(t.claimJob, message.jobId)));
}
