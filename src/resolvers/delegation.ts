import { and, eq, lt } from "drizzle-orm";
import { loadDelegationWithDelegator } from "../auth/delegation-record";
import { signDelegation, verifyDelegation } from "../auth/delegation-token";
import { isAdmin, requireCapability, requireGrantable, requireOwnership } from "../auth/capabilities";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { delegations, type DelegationRow } from "../db/schema";
import { chronicleEventFor } from "../ecosystem/chronicle";
import { mintChittyId, recordChittyId } from "../ecosystem/chitty-id";
import { AppError, NotFoundError } from "../errors";
import { atomicBatch } from "./atomic-batch";
import type { DelegateInput, ValidateDelegationInput } from "./delegation-input";
import { afterTimeIdCursor, newestFirst, pageLimit, toPage, type Page } from "./pagination";

/** A presented token that is not (or no longer) good: the validate endpoint answers 401 or 403 with this. */
class InvalidDelegationError extends AppError {
  constructor(status: 401 | 403, reason: string) {
    super(status, status === 403 ? "DELEGATION_WRONG_AUDIENCE" : "DELEGATION_INVALID", `The delegation token is not valid: ${reason}`);
  }
}

/** Issues a delegation token whose scopes are a subset of what the caller may do right now. */
export async function delegate(ctx: RequestContext, input: DelegateInput) {
  requireCapability(ctx.actor, "delegate");
  requireGrantable(ctx.actor, input.scopes);
  const iat = Math.floor(Date.now() / 1000);
  const minted = mintChittyId("DELEGATION");
  const row: DelegationRow = {
    id: minted.id,
    delegatorId: ctx.actor.id,
    targetService: input.targetService,
    scopes: input.scopes,
    issuedAt: iat * 1000,
    expiresAt: (iat + input.ttlSeconds) * 1000,
    revokedAt: null,
    revokedBy: null,
  };
  const token = await signDelegation(ctx.env, {
    sub: ctx.actor.id,
    aud: input.targetService,
    scope: input.scopes.join(" "),
    jti: row.id,
    iat,
    exp: iat + input.ttlSeconds,
  });
  await atomicBatch(ctx, [
    recordChittyId(ctx.db, minted, "DELEGATION", row.issuedAt),
    ctx.db.insert(delegations).values(row),
    chronicleEventFor(ctx.db, {
      type: "delegation.issued",
      subjectId: row.id,
      actorId: ctx.actor.id,
      data: { targetService: row.targetService, scopes: row.scopes, expiresAt: row.expiresAt },
      now: row.issuedAt,
    }),
  ]);
  return { token, delegation: row };
}

/** Checks a token for a service: signature, expiry and audience, then its D1 record for revocation. */
export async function validateDelegation(ctx: RequestContext, input: ValidateDelegationInput) {
  const verified = await verifyDelegation(ctx.env, input.token, input.targetService);
  if (!verified.ok) throw new InvalidDelegationError(verified.reason === "wrong-audience" ? 403 : 401, verified.reason);
  const record = await loadDelegationWithDelegator(ctx.db, verified.claims.jti);
  if (!record) throw new InvalidDelegationError(401, "unknown token");
  if (record.delegation.revokedAt !== null) throw new InvalidDelegationError(401, "revoked");
  if (record.delegator.status !== "active") throw new InvalidDelegationError(401, "the delegator is no longer active");
  return { valid: true as const, claims: verified.claims };
}

/** Revokes a token at once: every later use reads the D1 record. Only its delegator or an administrator may. */
export async function revokeDelegation(ctx: RequestContext, tokenId: string): Promise<DelegationRow> {
  const [row] = await ctx.db.select().from(delegations).where(eq(delegations.id, tokenId)).limit(1);
  if (!row) throw new NotFoundError("Delegation", tokenId);
  requireOwnership(ctx.actor, row.delegatorId, `Delegation ${tokenId}`);
  if (row.revokedAt !== null) return row;
  const now = Date.now();
  await atomicBatch(ctx, [
    ctx.db.update(delegations).set({ revokedAt: now, revokedBy: ctx.actor.id }).where(eq(delegations.id, tokenId)),
    chronicleEventFor(ctx.db, { type: "delegation.revoked", subjectId: tokenId, actorId: ctx.actor.id, data: {}, now }),
  ]);
  return { ...row, revokedAt: now, revokedBy: ctx.actor.id };
}

/** Delegations newest first: one's own, or anyone's for administrators. */
export async function listDelegations(
  ctx: RequestContext,
  args: { delegatorId?: string | null; first?: number | null; after?: string | null },
): Promise<Page<DelegationRow>> {
  const delegatorId = args.delegatorId ?? (isAdmin(ctx.actor) ? null : ctx.actor.id);
  if (delegatorId) requireOwnership(ctx.actor, delegatorId, "These delegations");
  const limit = pageLimit(args.first);
  const conditions = delegatorId ? [eq(delegations.delegatorId, delegatorId)] : [];
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
