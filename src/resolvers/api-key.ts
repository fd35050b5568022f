import { and, eq, isNull, ne } from "drizzle-orm";
import { generateApiKey, hashApiKey, invalidateApiKeys } from "../auth/api-key";
import type { RequestContext } from "../context";
import { apiKeys, type ApiKeyRow } from "../db/schema";
import { chronicleEventFor } from "../ecosystem/chronicle";
import { NotFoundError } from "../errors";
import { getActor } from "./actor";
import { atomicBatch } from "./atomic-batch";

/** A new key for an actor: the plaintext (returned once) and the insert of its hash, for the caller's batch. */
export async function issueApiKey(ctx: RequestContext, actorId: string, now: number) {
  const apiKey = generateApiKey();
  const keyId = `key_${crypto.randomUUID()}`;
  const statement = ctx.db
    .insert(apiKeys)
    .values({ id: keyId, actorId, keyHash: await hashApiKey(apiKey), prefix: apiKey.slice(0, 12), createdAt: now });
  return { apiKey, keyId, statement };
}

/** Issues a new key; by default every other key of the actor is revoked in the same batch. */
export async function rotateApiKey(ctx: RequestContext, actorId: string, options: { revokeOthers: boolean }) {
  await getActor(ctx, actorId);
  const now = Date.now();
  const key = await issueApiKey(ctx, actorId, now);
  const revokeOthers = ctx.db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.actorId, actorId), isNull(apiKeys.revokedAt), ne(apiKeys.id, key.keyId)));
  await atomicBatch(ctx, [
    key.statement,
    ...(options.revokeOthers ? [revokeOthers] : []),
    chronicleEventFor(ctx.db, {
      type: "actor.key_rotated",
      subjectId: actorId,
      actorId: ctx.actor.id,
      data: { keyId: key.keyId, revokedOthers: options.revokeOthers },
      now,
    }),
  ]);
  if (options.revokeOthers) await invalidateApiKeys(ctx.env, ctx.db, actorId);
  return { apiKey: key.apiKey, keyId: key.keyId };
}

/** Revokes one key; it stops working on the next request. Revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: RequestContext, keyId: string): Promise<ApiKeyRow> {
  const [key] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  if (!key) throw new NotFoundError("API key", keyId);
  await getActor(ctx, key.actorId);
  if (key.revokedAt !== null) return key;
  const now = Date.now();
  await atomicBatch(ctx, [
    ctx.db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, keyId)),
    chronicleEventFor(ctx.db, { type: "actor.key_revoked", subjectId: key.actorId, actorId: ctx.actor.id, data: { keyId }, now }),
  ]);
  await invalidateApiKeys(ctx.env, ctx.db, key.actorId, keyId);
  return { ...key, revokedAt: now };
}

export async function listApiKeys(ctx: RequestContext, actorId: string): Promise<ApiKeyRow[]> {
  await getActor(ctx, actorId);
  return ctx.db.select().from(apiKeys).where(eq(apiKeys.actorId, actorId)).orderBy(apiKeys.createdAt);
}
