import { isUniqueViolation, type Database } from "../../db/client";
import type { ContextRow } from "../../db/schema";
import { readRepositoryContext } from "../../intelligence/repository/read-repository-context";
import { CONTEXT_NAME_INDEX } from "../../resolvers/context";
import { cacheRepositoryContext, repositoryContextWrites } from "../../resolvers/repository-context-writes";
import { commitJob } from "./commit-job";
import { claimContextRefresh, recordContextError, refreshedWrite } from "./context-claim";
import { repositoryRefOf } from "./repository-ref-of";
import type { ContextMessage } from "./triage-message";

export type ContextOutcome = "refreshed" | "created" | "fresh" | "gone";

/**
 * Builds or refreshes a repository's ChittyConnect Context: claims the refresh (at most once per 10 minutes per
 * repository, atomically), reads the repository from GitHub, and commits the context with its DNA record and
 * Chronicle event and the claim's completion in one D1 batch; then refreshes the context's KV cache entry.
 */
export async function runContextRefresh(env: Env, db: Database, message: ContextMessage, now = Date.now()): Promise<ContextOutcome> {
  const claim = await claimContextRefresh(db, message, now);
  if (!claim) return "fresh";
  const ref = repositoryRefOf(message);
  const data = await readRepositoryContext(env, ref, { nodeId: message.repository.nodeId, fullName: message.repository.fullName }, now);
  if (!data) {
    await recordContextError(db, message, "GitHub no longer has the repository");
    return "gone";
  }
  let row: ContextRow | undefined;
  await commitJob(db, async (collision) => {
    // Another live context holds the plain name (a renamed repository's old one): the node id makes it unique.
    const qualifiedName = isUniqueViolation(collision, CONTEXT_NAME_INDEX);
    const writes = await repositoryContextWrites(env, db, { contextId: claim.contextId, data, reason: message.reason, jobId: message.jobId, now, qualifiedName });
    row = writes.row;
    return [...writes.statements, refreshedWrite(db, message, writes.row.id, now)];
  });
  await cacheRepositoryContext(env, row!);
  return claim.contextId === null ? "created" : "refreshed";
}
