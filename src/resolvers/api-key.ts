import { and, eq, isNull, ne } from "drizzle-orm";
import { SYSTEM_ACTOR_ID } from "../auth/actor";
import { invalidateApiKeys, issueApiKey } from "../auth/api-key";
import { requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { apiKeys, type ApiKeyRow } from "../db/schema";
import { outboxTargets } from "../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../ecosystem/record-change";
import { ForbiddenError, NotFoundError } from "../errors";
import { getActor, requireActingThrough } from "./actor";
import { atomicBatch } from "../db/batch";

/**
 * Issues a new key; by default every other key of the actor is revoked in the same batch. A key is the actor's
 * full credential, so issuing one needs keys:manage (which a delegation or a scoped JWT has only if its scope
 * names it), and doing it for a registered actor needs everything that actor holds.
 */
export async function rotateApiKey(ctx: RequestContext, actorId: string, options: { revokeOthers: boolean }) {
  requireCapability(ctx.actor, "keys:manage");
  // The system actor is the admin key: a second, unrotatable way in would outlive a rotation of that key.
  if (actorId === SYSTEM_ACTOR_ID) throw new ForbiddenError("The built-in system actor has no API keys; it is reached with CHITTYCONNECT_ADMIN_KEY");
  const target = await getActor(ctx, actorId);
  if (target.status === "revoked") throw new ForbiddenError(`Actor ${actorId} was revoked; a revoked actor gets no keys`);
  requireActingThrough(ctx, target, target.capabilities);
  const now = Date.now();
  const key = await issueApiKey(ctx.db, actorId, now);
  const revokeOthers = ctx.db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.actorId, actorId), isNull(apiKeys.revokedAt), ne(apiKeys.id, key.keyId)));
  await atomicBatch(ctx.db, [
    key.statement,
    ...(options.revokeOthers ? [revokeOthers] : []),
    ...recordEvent(
      ctx.db,
      { type: "actor.key_rotated", subjectId: target.id, actorId: ctx.actor.id, data: { keyId: key.keyId, revokedOthers: options.revokeOthers }, now },
      outboxTargets(ctx.env),
    ),
  ]);
  if (options.revokeOthers) await invalidateApiKeys(ctx.env, ctx.db, actorId);
  return { apiKey: key.apiKey, keyId: key.keyId };
}

/** Revokes one key; it stops working on the next request. Revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: RequestContext, keyId: string): Promise<ApiKeyRow> {
  requireCapability(ctx.actor, "keys:manage");
  const [key] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  if (!key) throw new NotFoundError("API key", keyId);
  await getActor(ctx, key.actorId);
  if (key.revokedAt !== null) return key;
  const now = Date.now();
  await atomicBatch(ctx.db, [
    ctx.db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, keyId)),
    ...recordEvent(ctx.db, { type: "actor.key_revoked", subjectId: key.actorId, actorId: ctx.actor.id, data: { keyId }, now }, outboxTargets(ctx.env)),
  ]);
  await invalidateApiKeys(ctx.env, ctx.db, key.actorId, keyId);
  return { ...key, revokedAt: now };
}

/** An actor's keys (metadata only), for whoever may manage them. */
export async function listApiKeys(ctx: RequestContext, actorId: string): Promise<ApiKeyRow[]> {
  requireCapability(ctx.actor, "keys:manage");
  await getActor(ctx, actorId);
  return ctx.db.select().from(apiKeys).where(eq(apiKeys.actorId, actorId)).orderBy(apiKeys.createdAt);
}
