import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { chainProblem, descendantsAndSelf, loadDelegationChain, MAX_DELEGATION_DEPTH } from "../auth/delegation-record";
import { signDelegation, verifyDelegation } from "../auth/delegation-token";
import { authorize, isAdmin, requireCapability, requireGrantable } from "../auth/capabilities";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { delegations, type DelegationRow } from "../db/schema";
import { recordChittyId } from "../ecosystem/chitty-id";
import { ecosystemCallOptions } from "../ecosystem/context-ops";
import { mintEntityId } from "../ecosystem/mint-entity-id";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../ecosystem/record-change";
import { resolveAlias } from "../ecosystem/reconcile/resolve-alias";
import { AppError, ForbiddenError, NotFoundError } from "../errors";
import { atomicBatch } from "../db/batch";
import type { DelegateInput, ValidateDelegationInput } from "../inputs/delegation-input";
import { afterTimeIdCursor, newestFirst, pageLimit, toPage, type Page } from "../db/pagination";

/** A presented token that is not (or no longer) good: the validate endpoint answers 401 or 403 with this. */
class InvalidDelegationError extends AppError {
  constructor(status: 401 | 403, reason: string) {
    super(status, status === 403 ? "DELEGATION_WRONG_AUDIENCE" : "DELEGATION_INVALID", `The delegation token is not valid: ${reason}`);
  }
}

/**
 * Where a new delegation hangs: under the delegation token that issues it (so revoking that token ends it too),
 * and never past the issuing credential's own expiry.
 */
async function derivation(ctx: RequestContext, requestedExpiry: number): Promise<{ parentId: string | null; expiresAt: number }> {
  const expiresAt = Math.min(requestedExpiry, ctx.actor.expiresAt ?? Infinity);
  if (ctx.actor.credential !== "delegation" || !ctx.actor.delegationId) return { parentId: null, expiresAt };
  const parent = await loadDelegationChain(ctx.db, ctx.actor.delegationId);
  if (!parent || chainProblem(parent)) throw new ForbiddenError("The delegation token issuing this one is no longer valid");
  if (parent.ancestors.length + 1 > MAX_DELEGATION_DEPTH) {
    throw new ForbiddenError(`Delegations can be derived at most ${MAX_DELEGATION_DEPTH} levels deep; issue this one with an API key`);
  }
  return { parentId: parent.delegation.id, expiresAt };
}

/** Issues a delegation token whose scopes are a subset of what the caller's credential may do right now. */
export async function delegate(ctx: RequestContext, input: DelegateInput) {
  requireCapability(ctx.actor, "delegate");
  requireGrantable(ctx.actor, input.scopes);
  const now = Date.now();
  const { parentId, expiresAt } = await derivation(ctx, now + input.ttlSeconds * 1000);
  const iat = Math.floor(now / 1000);
  const exp = Math.floor(expiresAt / 1000);
  if (exp <= iat) throw new ForbiddenError("The credential issuing this delegation expires now; issue it with a longer-lived credential");
  const minted = await mintEntityId(ctx.env, "DELEGATION", "delegation", { ...ecosystemCallOptions(ctx.env, ctx), waitUntil: ctx.waitUntil });
  const row: DelegationRow = {
    id: minted.id,
    delegatorId: ctx.actor.id,
    targetService: input.targetService,
    scopes: input.scopes,
    issuedAt: iat * 1000,
    expiresAt: exp * 1000,
    revokedAt: null,
    revokedBy: null,
    parentId,
  };
  const token = await signDelegation(ctx.env, { sub: ctx.actor.id, aud: input.targetService, scope: input.scopes.join(" "), jti: row.id, iat, exp });
  await atomicBatch(ctx.db, [
    recordChittyId(ctx.db, minted, "DELEGATION", row.issuedAt),
    ctx.db.insert(delegations).values(row),
    ...recordEvent(
      ctx.db,
      {
        type: "delegation.issued",
        subjectId: row.id,
        actorId: ctx.actor.id,
        data: { targetService: row.targetService, scopes: row.scopes, expiresAt: row.expiresAt, parentId },
        now: row.issuedAt,
      },
      outboxTargets(ctx.env),
    ),
  ]);
  return { token, delegation: row };
}

/** Checks a token for a service: signature, expiry and audience, then its D1 chain for revocation and expiry. */
export async function validateDelegation(ctx: RequestContext, input: ValidateDelegationInput) {
  const verified = await verifyDelegation(ctx.env, input.token, input.targetService);
  if (!verified.ok) throw new InvalidDelegationError(verified.reason === "wrong-audience" ? 403 : 401, verified.reason);
  // A token issued under a provisional id names it as jti; the reconciled delegation answers for it.
  const chain = await loadDelegationChain(ctx.db, await resolveAlias(ctx.db, verified.claims.jti));
  if (!chain) throw new InvalidDelegationError(401, "unknown token");
  const problem = chainProblem(chain);
  if (problem === "delegator-inactive") throw new InvalidDelegationError(401, "the delegator is no longer active");
  if (problem) throw new InvalidDelegationError(401, chain.delegation.revokedAt === null && chain.delegation.expiresAt > Date.now() ? `a delegation it derives from was ${problem}` : problem);
  return { valid: true as const, claims: verified.claims };
}

/**
 * A delegation token manages only the delegations it issued itself (its subtree), never its siblings or its
 * parent; full credentials manage all of their actor's.
 */
function subtreeOf(ctx: RequestContext) {
  return ctx.actor.credential === "delegation" && ctx.actor.delegationId ? inArray(delegations.id, descendantsAndSelf(ctx.actor.delegationId)) : undefined;
}

/** Revokes a token and every delegation derived from it, at once: every later use reads the D1 chain. */
export async function revokeDelegation(ctx: RequestContext, requestedId: string): Promise<DelegationRow> {
  requireCapability(ctx.actor, "delegate");
  const tokenId = await resolveAlias(ctx.db, requestedId);
  const [row] = await ctx.db.select().from(delegations).where(and(eq(delegations.id, tokenId), subtreeOf(ctx))).limit(1);
  if (!row) throw new NotFoundError("Delegation", tokenId);
  authorize(ctx.actor, "delegate", { id: row.delegatorId, what: `Delegation ${tokenId}` });
  if (row.revokedAt !== null) return row;
  const now = Date.now();
  await atomicBatch(ctx.db, [
    ctx.db
      .update(delegations)
      .set({ revokedAt: now, revokedBy: ctx.actor.id })
      .where(and(inArray(delegations.id, descendantsAndSelf(tokenId)), isNull(delegations.revokedAt))),
    ...recordEvent(ctx.db, { type: "delegation.revoked", subjectId: tokenId, actorId: ctx.actor.id, data: {}, now }, outboxTargets(ctx.env)),
  ]);
  return { ...row, revokedAt: now, revokedBy: ctx.actor.id };
}

/** Delegations newest first: one's own (a delegation token: its own subtree), or anyone's for administrators. */
export async function listDelegations(
  ctx: RequestContext,
  args: { delegatorId?: string | null; first?: number | null; after?: string | null },
): Promise<Page<DelegationRow>> {
  requireCapability(ctx.actor, "delegate");
  const delegatorId = args.delegatorId ?? (isAdmin(ctx.actor) ? null : ctx.actor.id);
  if (delegatorId) authorize(ctx.actor, "delegate", { id: delegatorId, what: "These delegations" });
  const limit = pageLimit(args.first);
  const conditions = delegatorId ? [eq(delegations.delegatorId, delegatorId)] : [];
  const subtree = subtreeOf(ctx);
  if (subtree) conditions.push(subtree);
  if (args.after) conditions.push(afterTimeIdCursor(delegations.issuedAt, delegations.id, args.after));
  const rows = await ctx.db
    .select()
    .from(delegations)
    .where(and(...conditions))
    .orderBy(...newestFirst(delegations.issuedAt, delegations.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => [row.issuedAt, row.id]);
}

/** Cron: deletes expired delegations; they can no longer authenticate anything, and Chronicle keeps their history. */
export async function purgeExpiredDelegations(db: Database, now = Date.now()): Promise<number> {
  const result = await db.delete(delegations).where(lt(delegations.expiresAt, now)).run();
  return result.meta.changes ?? 0;
}
