import { asc, eq, gt, inArray } from "drizzle-orm";
import { SYSTEM_ACTOR_ID } from "../auth/actor";
import { invalidateApiKeys, issueApiKey } from "../auth/api-key";
import { canAccessOwned, isAdmin, requireCapability, requireGrantable } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { actors, type ActorRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordChange } from "../ecosystem/record-change";
import { resolveAlias } from "../ecosystem/reconcile/resolve-alias";
import { ForbiddenError, NotFoundError } from "../errors";
import type { RegisterActorInput, UpdateActorInput } from "../inputs/actor-input";
import { atomicBatch } from "../db/batch";
import { decodeCursor, pageLimit, toPage, type Page } from "../db/pagination";

export type { ActorRow };

/** What DNA hashes of an actor. */
const observableState = ({ id, type, displayName, capabilities, status }: ActorRow) => ({ id, type, displayName, capabilities, status });

/** An actor is managed by itself (partly), by whoever registered it, and by administrators. */
const manages = (ctx: RequestContext, row: ActorRow) => canAccessOwned(ctx.actor, row.createdBy) || row.id === ctx.actor.id;

/**
 * Acting on an actor one registered (rather than on oneself) gives that actor power through the caller: a new
 * key, a reactivation, new capabilities. The caller must still hold what the actor would then have, so a
 * registrar that lost a capability cannot keep using it through its children.
 */
export function requireActingThrough(ctx: RequestContext, target: ActorRow, gives: readonly string[]): void {
  if (target.id !== ctx.actor.id) requireGrantable(ctx.actor, gives);
}

/** Revocation is terminal: only an administrator changes, or issues keys to, a revoked actor. */
export function requireNotRevoked(ctx: RequestContext, target: ActorRow): void {
  if (target.status === "revoked" && !isAdmin(ctx.actor)) {
    throw new ForbiddenError(`Actor ${target.id} was revoked; only an administrator can change it`);
  }
}

/** The actor record behind an id, or null when it is unknown (owners of old rows may be gone). */
export async function findActor(ctx: RequestContext, id: string): Promise<ActorRow | null> {
  const [row] = await ctx.db.select().from(actors).where(eq(actors.id, id)).limit(1);
  if (row) return row;
  // A reconciled provisional id still names its actor.
  const current = await resolveAlias(ctx.db, id);
  return current === id ? null : ((await ctx.db.select().from(actors).where(eq(actors.id, current)).limit(1))[0] ?? null);
}

/**
 * Actors for a batch of ids in one query, for the owners shown next to a page of contexts. Only actor
 * ids the caller may see resolve (itself, or anyone for administrators); others come back missing.
 */
export async function actorsVisibleTo(ctx: RequestContext, ids: readonly string[]): Promise<ActorRow[]> {
  const visible = isAdmin(ctx.actor) ? [...new Set(ids)] : ids.filter((id) => id === ctx.actor.id).slice(0, 1);
  return visible.length ? ctx.db.select().from(actors).where(inArray(actors.id, visible)) : [];
}

export async function getActor(ctx: RequestContext, id: string): Promise<ActorRow> {
  const row = await findActor(ctx, id);
  if (!row) throw new NotFoundError("Actor", id);
  if (!manages(ctx, row)) throw new ForbiddenError(`Actor ${id} is not you, and you did not register it`);
  return row;
}

export async function getMe(ctx: RequestContext): Promise<ActorRow> {
  return getActor(ctx, ctx.actor.id);
}

/** Stored capabilities, and (for the caller itself) what this request's credential actually grants. */
export async function getCapabilities(ctx: RequestContext, id: string) {
  const row = await getActor(ctx, id);
  const effective = row.id === ctx.actor.id ? [...ctx.actor.capabilities] : row.capabilities;
  return { actorId: row.id, capabilities: row.capabilities, effective, credential: row.id === ctx.actor.id ? ctx.actor.credential : null };
}

const isIdKey = (key: unknown[]): key is [string] => key.length === 1 && typeof key[0] === "string";

export async function listActors(ctx: RequestContext, args: { first?: number | null; after?: string | null }): Promise<Page<ActorRow>> {
  requireCapability(ctx.actor, "actors:admin");
  const limit = pageLimit(args.first);
  const after = args.after ? gt(actors.id, decodeCursor(args.after, isIdKey)[0]) : undefined;
  const rows = await ctx.db.select().from(actors).where(after).orderBy(asc(actors.id)).limit(limit + 1);
  return toPage(rows, limit, (row) => [row.id]);
}

/** Registers an actor and returns its first API key; the key is shown this once and only its hash is kept. */
export async function registerActor(ctx: RequestContext, input: RegisterActorInput) {
  if (!isAdmin(ctx.actor)) requireCapability(ctx.actor, "actors:register");
  requireGrantable(ctx.actor, input.capabilities);
  const minted = await mintEntityId(ctx.env, "ACTOR", "actor", { ...ecosystemCallOptions(ctx.env, ctx), waitUntil: ctx.waitUntil });
  const now = Date.now();
  const row: ActorRow = {
    id: minted.id,
    type: input.type,
    displayName: input.displayName,
    capabilities: input.capabilities,
    status: "active",
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
    lastSeenAt: null,
    sessionCount: 0,
    // An administrator's actors get budgets of their own; anyone else's share the registrar's.
    budgetOwnerId: ctx.actor.id === SYSTEM_ACTOR_ID || isAdmin(ctx.actor) ? null : ctx.actor.budgetOwnerId,
  };
  const key = await issueApiKey(ctx.db, row.id, now);
  const audit = { subjectId: row.id, actorId: ctx.actor.id, now };
  await atomicBatch(ctx.db, [
    recordChittyId(ctx.db, minted, "ACTOR", now),
    ctx.db.insert(actors).values(row),
    key.statement,
    ...(await recordChange(ctx.db, {
      ...audit,
      subjectType: "actor",
      state: observableState(row),
      event: "registered",
      type: "actor.registered",
      data: { type: row.type, capabilities: row.capabilities },
      previous: null,
    }, outboxTargets(ctx.env))),
  ]);
  return { actor: row, apiKey: key.apiKey, keyId: key.keyId };
}

export async function updateActor(ctx: RequestContext, id: string, input: UpdateActorInput): Promise<ActorRow> {
  requireCapability(ctx.actor, "actors:manage");
  const current = await getActor(ctx, id);
  if (current.id === SYSTEM_ACTOR_ID) throw new ForbiddenError("The built-in system actor cannot be changed");
  requireNotRevoked(ctx, current);
  const privileged = input.capabilities !== undefined || input.status !== undefined;
  // An actor may rename itself, but only its registrar or an administrator changes what it may do.
  if (privileged && !canAccessOwned(ctx.actor, current.createdBy)) {
    throw new ForbiddenError("Only the actor's registrar or an administrator can change its capabilities or status");
  }
  if (input.capabilities) requireGrantable(ctx.actor, input.capabilities);
  // Reactivating gives the actor back everything it holds; suspending or revoking gives nothing.
  if (input.status === "active" && current.status !== "active") requireActingThrough(ctx, current, current.capabilities);
  const now = Date.now();
  const next: ActorRow = {
    ...current,
    displayName: input.displayName ?? current.displayName,
    capabilities: input.capabilities ?? current.capabilities,
    status: input.status ?? current.status,
    updatedAt: now,
  };
  const audit = { subjectId: current.id, actorId: ctx.actor.id, now };
  const changed = (["displayName", "capabilities", "status"] as const).filter((k) => input[k] !== undefined);
  await atomicBatch(ctx.db, [
    ctx.db
      .update(actors)
      .set({ displayName: next.displayName, capabilities: next.capabilities, status: next.status, updatedAt: now })
      .where(eq(actors.id, current.id)),
    ...(await recordChange(
      ctx.db,
      { ...audit, subjectType: "actor", state: observableState(next), event: "updated", type: "actor.updated", data: { changed } },
      outboxTargets(ctx.env),
    )),
  ]);
  // Cached key lookups carry capabilities and status, so they must not outlive this change.
  if (privileged) await invalidateApiKeys(ctx.env, ctx.db, current.id);
  return next;
}
