import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { repositoryContexts } from "../../db/schema";
import { CONTEXT_REFRESH_INTERVAL_MS } from "./context-claim";
import type { ContextMessage } from "./triage-message";

type Repository = ContextMessage["repository"];

/**
 * The context job a repository event asks for: on a push to the default branch, a refresh (the job itself keeps
 * it to one per 10 minutes); otherwise a first context for a repository that has none, unless one is being built
 * (one D1 read, so that ordinary events do not queue jobs that would only find the work done).
 */
export async function contextJobFor(
  db: Database,
  repository: Repository,
  jobId: string,
  options: { pushToDefaultBranch?: boolean; now: number },
): Promise<ContextMessage[]> {
  if (options.pushToDefaultBranch) return [{ kind: "repository.context", jobId, repository, reason: "push" }];
  const [row] = await db
    .select({ contextId: repositoryContexts.contextId, claimedAt: repositoryContexts.claimedAt })
    .from(repositoryContexts)
    .where(eq(repositoryContexts.repositoryNodeId, repository.nodeId))
    .limit(1);
  if (row && (row.contextId !== null || row.claimedAt > options.now - CONTEXT_REFRESH_INTERVAL_MS)) return [];
  return [{ kind: "repository.context", jobId, repository, reason: "first-event" }];
}

/**
 * Repositories that get their context queued when an installation adds them: an installation on thousands of
 * repositories would otherwise queue thousands of GitHub reads at once. The rest get theirs on their first event.
 */
export const CONTEXTS_PER_INSTALLATION_EVENT = 100;

/** Context jobs for repositories an installation just gained, as its payload lists them (those with a node id). */
export function installationContextJobs(
  installationId: number,
  repositories: readonly { node_id?: string | undefined; full_name: string }[],
  deliveryId: string,
): ContextMessage[] {
  return repositories
    .flatMap((r) => (r.node_id ? [{ nodeId: r.node_id, fullName: r.full_name, installationId }] : []))
    .slice(0, CONTEXTS_PER_INSTALLATION_EVENT)
    .map((repository, i) => ({ kind: "repository.context", jobId: `${deliveryId}:context:${i}`, repository, reason: "installation" }));
}
