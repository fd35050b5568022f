import { and, eq } from "drizzle-orm";
import { SYSTEM_ACTOR_ID } from "../auth/actor";
import { refreshContextCache } from "../cache/context-cache";
import type { BatchItem } from "../db/batch";
import type { Database } from "../db/client";
import { contexts, type ContextRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { backgroundCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import type { RepositoryContextData } from "../intelligence/repository/repository-context-data";
import { LIMITS } from "../limits";
import { CONTEXT_SUBJECT_TYPE, observableState } from "./context";

export interface RepositoryContextChange {
  /** The repository's context so far, or null for its first. */
  contextId: string | null;
  data: RepositoryContextData;
  /** What caused it, for the Chronicle event: installation, first-event or push. */
  reason: string;
  jobId: string;
  now: number;
  /** Adds the repository's node id to the name, for the rare repository whose plain name another context holds. */
  qualifiedName?: boolean;
}

/** A context's name for a repository: recognisable in `contexts`, within the name limit. */
export function repositoryContextName(data: RepositoryContextData, qualified = false): string {
  const name = `GitHub ${data.repository.fullName}`;
  return (qualified ? `${name} (${data.repository.nodeId})` : name).slice(0, LIMITS.contextName);
}

/** Keeps the data within a context's size limit by dropping what is longest and least needed first. */
function withinLimit(data: RepositoryContextData): RepositoryContextData {
  const size = (d: RepositoryContextData) => new TextEncoder().encode(JSON.stringify(d)).byteLength;
  if (size(data) <= LIMITS.contextDataBytes) return data;
  const lighter = { ...data, codeowners: data.codeowners && { ...data.codeowners, rules: [], truncated: true } };
  if (size(lighter) <= LIMITS.contextDataBytes) return lighter;
  return { ...lighter, readme: lighter.readme && { ...lighter.readme, headings: [] } };
}

/**
 * The writes that record a repository's context as a ChittyConnect Context owned by the system actor, through the
 * same DNA and Chronicle path as every context: a genesis and `context.created` for the first, an evolution and
 * `context.updated` (checked against the version read) for each refresh. A context someone deleted is replaced by
 * a new one. Returns the row as it will be once the batch commits.
 */
export async function repositoryContextWrites(env: Env, db: Database, change: RepositoryContextChange): Promise<{ row: ContextRow; statements: BatchItem[] }> {
  const { now } = change;
  const data = withinLimit(change.data);
  const name = repositoryContextName(data, change.qualifiedName);
  const description = (data.description ?? `GitHub repository ${data.repository.fullName}`).slice(0, LIMITS.contextDescription);
  const [current] = change.contextId ? await db.select().from(contexts).where(eq(contexts.id, change.contextId)).limit(1) : [];
  const audit = { subjectType: CONTEXT_SUBJECT_TYPE, actorId: null, now };
  const about = { source: "github.repository", repository: data.repository.fullName, reason: change.reason, jobId: change.jobId };
  if (current && current.deletedAt === null) {
    const next: ContextRow = { ...current, name, description, data, updatedAt: now, version: current.version + 1 };
    return {
      row: next,
      statements: [
        db
          .update(contexts)
          .set({ name, description, data, updatedAt: now, version: next.version })
          // The DNA record's (subject, sequence) key fails the batch when another writer got there first.
          .where(and(eq(contexts.id, current.id), eq(contexts.version, current.version))),
        ...(await recordChange(db, { ...audit, subjectId: current.id, state: observableState(next), event: "updated", type: "context.updated", data: { ...about, changed: ["data"], version: next.version } }, outboxTargets(env))),
      ],
    };
  }
  // Minted by the ChittyID authority when one is configured, provisional (and reconciled later) while it is down.
  const minted = await mintEntityId(env, "CONTEXT", "context", backgroundCallOptions(env));
  const row: ContextRow = { id: minted.id, name, description, data, status: "active", ownerId: SYSTEM_ACTOR_ID, createdAt: now, updatedAt: now, deletedAt: null, version: 1, idProvisional: minted.source === "provisional" };
  return {
    row,
    statements: [
      recordChittyId(db, minted, "CONTEXT", now),
      db.insert(contexts).values(row),
      ...(await recordChange(db, { ...audit, subjectId: row.id, state: observableState(row), event: "created", type: "context.created", previous: null, data: { ...about, name, version: 1, ...(row.idProvisional ? { idProvisional: true } : {}) } }, outboxTargets(env))),
    ],
  };
}

/** Puts a repository context that just committed into the KV read-through cache, as every context writer does. */
export function cacheRepositoryContext(env: Env, row: ContextRow): Promise<void> {
  return refreshContextCache({ env }, row);
}
