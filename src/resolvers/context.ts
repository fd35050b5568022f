import { and, eq, inArray, isNull } from "drizzle-orm";
import { authorize, hasCapability, isAdmin, requireCapability, type Capability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { isUniqueViolation } from "../db/client";
import { contexts, type ContextRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { isStaleDnaLink } from "../ecosystem/dna";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { resolveAlias } from "../ecosystem/reconcile/resolve-alias";
import { ConflictError, NotFoundError } from "../errors";
import { atomicBatch, type BatchItem } from "../db/batch";
import { evictConnections } from "../cache/connection-cache";
import { cachedContext, fillContextCache, refreshContextCache } from "../cache/context-cache";
import type { ContextFilter, CreateContextInput, UpdateContextInput } from "../inputs/context-input";
import { disconnectStatements, liveConnectionsOf } from "./disconnect-connection";
import { afterTimeIdCursor, newestFirst, pageLimit, toPage, type Page } from "../db/pagination";

/** The DNA subject type of every context, whoever writes it. */
export const CONTEXT_SUBJECT_TYPE = "context";
const SUBJECT_TYPE = CONTEXT_SUBJECT_TYPE;
/** The UNIQUE index that keeps live context names unique per owner, as SQLite names it in its error. */
export const CONTEXT_NAME_INDEX = "contexts.owner_id, contexts.name";
const NAME_INDEX = CONTEXT_NAME_INDEX;

/** The state that DNA hashes: what a client can observe of a context. */
export function observableState(row: ContextRow) {
  const { id, name, description, data, status, ownerId, version } = row;
  return { id, name, description, data, status, ownerId, version };
}

async function loadLive(ctx: RequestContext, requested: string): Promise<ContextRow> {
  let row = await cachedContext(ctx, requested);
  let id = requested;
  if (!row) {
    row = (await ctx.db.select().from(contexts).where(eq(contexts.id, id)).limit(1))[0] ?? null;
    // A reconciled provisional id still resolves: it answers with the context under its authoritative id.
    if (!row) {
      const current = await resolveAlias(ctx.db, requested);
      if (current !== requested) {
        id = current;
        row = (await cachedContext(ctx, id)) ?? (await ctx.db.select().from(contexts).where(eq(contexts.id, id)).limit(1))[0] ?? null;
      }
    }
    if (row) fillContextCache(ctx, row);
  }
  if (!row || row.deletedAt !== null) throw new NotFoundError("Context", id);
  authorize(ctx.actor, "contexts:read", { id: row.ownerId, what: `Context ${id}` });
  return row;
}

export async function getContext(ctx: RequestContext, id: string): Promise<ContextRow> {
  requireCapability(ctx.actor, "contexts:read");
  return loadLive(ctx, id);
}

/** The live contexts among `ids` that the caller may read, in one query; for fields that point at contexts. */
export async function contextsVisibleTo(ctx: RequestContext, ids: readonly string[]): Promise<ContextRow[]> {
  if (!hasCapability(ctx.actor, "contexts:read")) return [];
  const conditions = [inArray(contexts.id, [...new Set(ids)]), isNull(contexts.deletedAt)];
  if (!isAdmin(ctx.actor)) conditions.push(eq(contexts.ownerId, ctx.actor.id));
  return ctx.db.select().from(contexts).where(and(...conditions));
}

/** Newest first, keyset-paginated on (created_at, id) so pages stay stable while rows are added. */
export async function listContexts(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null; filter?: ContextFilter | null },
): Promise<Page<ContextRow>> {
  requireCapability(ctx.actor, "contexts:read");
  const limit = pageLimit(args.first);
  const conditions = [isNull(contexts.deletedAt)];
  if (args.filter?.ownerId) authorize(ctx.actor, "contexts:read", { id: args.filter.ownerId, what: "These contexts" });
  const ownerId = isAdmin(ctx.actor) ? args.filter?.ownerId : ctx.actor.id;
  if (ownerId) conditions.push(eq(contexts.ownerId, ownerId));
  if (args.filter?.status) conditions.push(eq(contexts.status, args.filter.status));
  if (args.after) conditions.push(afterTimeIdCursor(contexts.createdAt, contexts.id, args.after));
  const rows = await ctx.db
    .select()
    .from(contexts)
    .where(and(...conditions))
    .orderBy(...newestFirst(contexts.createdAt, contexts.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.createdAt, row.id]);
}

export async function createContext(ctx: RequestContext, input: CreateContextInput): Promise<ContextRow> {
  requireCapability(ctx.actor, "contexts:write");
  const minted = await mintEntityId(ctx.env, "CONTEXT", "context", { ...ecosystemCallOptions(ctx.env, ctx), waitUntil: ctx.waitUntil });
  const now = Date.now();
  const row: ContextRow = {
    id: minted.id,
    name: input.name,
    description: input.description ?? "",
    data: input.data ?? {},
    status: "active",
    ownerId: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    version: 1,
    idProvisional: minted.source === "provisional",
  };
  const audit = { subjectId: row.id, actorId: ctx.actor.id, now };
  await atomicBatch(ctx.db,
    [
    recordChittyId(ctx.db, minted, "CONTEXT", now),
    ctx.db.insert(contexts).values(row),
    ...(await recordChange(ctx.db, {
      ...audit,
      subjectType: SUBJECT_TYPE,
      state: observableState(row),
      event: "created",
      type: "context.created",
      data: { name: row.name, version: 1, ...(row.idProvisional ? { idProvisional: true } : {}) },
      previous: null,
    }, outboxTargets(ctx.env))),
    ],
    explainConflict,
  );
  await refreshContextCache(ctx, row);
  return row;
}

export async function updateContext(
  ctx: RequestContext,
  id: string,
  input: UpdateContextInput,
): Promise<ContextRow> {
  const current = await loadContextForChange(ctx, id, "contexts:write");
  if (current.version !== input.version) {
    throw new ConflictError(
      `Context ${id} is at version ${current.version}, not ${input.version}; re-read it and apply your change again`,
      "VERSION_CONFLICT",
    );
  }
  const now = Date.now();
  const next: ContextRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description ?? current.description,
    data: input.data ?? current.data,
    status: input.status ?? current.status,
    updatedAt: now,
    version: current.version + 1,
  };
  const changed = (["name", "description", "data", "status"] as const).filter((k) => input[k] !== undefined);
  await writeChange(ctx, current, next, "updated", { changed });
  return next;
}

export async function deleteContext(ctx: RequestContext, id: string): Promise<ContextRow> {
  const current = await loadContextForChange(ctx, id, "contexts:write");
  const now = Date.now();
  const next: ContextRow = { ...current, status: "deleted", deletedAt: now, updatedAt: now, version: current.version + 1 };
  // A deleted context keeps no live connection: they are disconnected in the same batch, then evicted from KV.
  const live = await liveConnectionsOf(ctx, current.id);
  const { statements } = await disconnectStatements(ctx, live, now, "context_deleted");
  await writeChange(ctx, current, next, "deleted", { disconnected: live.length }, statements);
  await evictConnections(ctx, live.map((c) => c.id));
  return next;
}

/**
 * A context about to change (or gain a connection, with connections:write): the credential must grant
 * `capability`, and the context must exist, be the caller's, and not be deleted.
 */
export async function loadContextForChange(ctx: RequestContext, id: string, capability: Capability): Promise<ContextRow> {
  requireCapability(ctx.actor, capability);
  const [row] = await ctx.db.select().from(contexts).where(eq(contexts.id, await resolveAlias(ctx.db, id))).limit(1);
  if (!row) throw new NotFoundError("Context", id);
  authorize(ctx.actor, capability, { id: row.ownerId, what: `Context ${id}` });
  if (row.deletedAt !== null) {
    throw new ConflictError(`Context ${id} was deleted; create a new context instead`, "CONTEXT_DELETED");
  }
  return row;
}

async function writeChange(
  ctx: RequestContext,
  current: ContextRow,
  next: ContextRow,
  event: "updated" | "deleted",
  data: Record<string, unknown>,
  alongside: BatchItem[] = [],
): Promise<void> {
  const audit = { subjectId: current.id, actorId: ctx.actor.id, now: next.updatedAt };
  await atomicBatch(ctx.db,
    [
    ctx.db
      .update(contexts)
      .set({ name: next.name, description: next.description, data: next.data, status: next.status, updatedAt: next.updatedAt, deletedAt: next.deletedAt, version: next.version })
      .where(and(eq(contexts.id, current.id), eq(contexts.version, current.version), isNull(contexts.deletedAt))),
    ...(await recordChange(ctx.db, {
      ...audit,
      subjectType: SUBJECT_TYPE,
      state: observableState(next),
      event,
      type: `context.${event}`,
      data: { ...data, version: next.version },
    }, outboxTargets(ctx.env))),
    ...alongside,
    ],
    explainConflict,
  );
  await refreshContextCache(ctx, next);
}

/** A context write collides on a live name, or on the DNA sequence when another update got there first. */
function explainConflict(error: unknown): Error | undefined {
  if (isUniqueViolation(error, NAME_INDEX)) {
    return new ConflictError("You already have a context with this name; choose another name", "DUPLICATE_NAME");
  }
  if (isUniqueViolation(error, "dna_records") || isStaleDnaLink(error)) {
    return new ConflictError("The context changed while you were updating it; re-read it and try again", "VERSION_CONFLICT");
  }
  return undefined;
}
