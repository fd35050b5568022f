import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors, apiKeys } from "../db/schema";
import { sha256Hex } from "../ecosystem/canonical-hash";
import type { Actor } from "./actor";
import { effectiveCapabilities } from "./capabilities";

/** Every ChittyConnect API key starts with this, so a leaked key is recognisable by secret scanners. */
export const API_KEY_PREFIX = "cck_";

/** How long API_KEYS KV may serve a lookup before D1 is asked again. */
const CACHE_TTL_SECONDS = 300;

interface CachedKey {
  actor: { id: string; type: Actor["type"]; capabilities: string[]; budgetOwnerId: string | null };
  keyId: string;
  active: boolean;
}

export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return API_KEY_PREFIX + btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

export const hashApiKey = sha256Hex;

/**
 * Resolves an API key to its actor: API_KEYS KV first, D1 (the record of truth) on a miss or when `fresh`
 * (streams re-checking a key they already accepted). A revoked key or an inactive actor resolves to null.
 * An API key is its actor's full credential: it carries the credential capabilities too.
 */
export async function resolveApiKey(env: Env, db: Database, key: string, options: { fresh?: boolean } = {}): Promise<(Actor & { keyId: string }) | null> {
  const hash = await hashApiKey(key);
  let cached = options.fresh ? null : await env.API_KEYS.get<CachedKey>(hash, "json");
  if (!cached) {
    cached = await loadFromD1(db, hash);
    if (!cached) return null;
    await env.API_KEYS.put(hash, JSON.stringify(cached), { expirationTtl: CACHE_TTL_SECONDS });
  }
  if (!cached.active) return null;
  const { id, type, capabilities, budgetOwnerId } = cached.actor;
  return { id, type, capabilities: effectiveCapabilities(capabilities, null), credential: "api-key", keyId: cached.keyId, budgetOwnerId: budgetOwnerId ?? id };
}

async function loadFromD1(db: Database, hash: string): Promise<CachedKey | null> {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      revokedAt: apiKeys.revokedAt,
      id: actors.id,
      type: actors.type,
      capabilities: actors.capabilities,
      status: actors.status,
      budgetOwnerId: actors.budgetOwnerId,
    })
    .from(apiKeys)
    .innerJoin(actors, eq(actors.id, apiKeys.actorId))
    .where(eq(apiKeys.keyHash, hash))
    .limit(1);
  if (!row) return null;
  return {
    actor: { id: row.id, type: row.type, capabilities: row.capabilities, budgetOwnerId: row.budgetOwnerId },
    keyId: row.keyId,
    active: row.revokedAt === null && row.status === "active",
  };
}

/**
 * Drops the KV entries of an actor's keys after its keys, capabilities or status change,
 * so the next request re-reads D1. Deleting (not rewriting) keeps D1 the only source of truth.
 */
export async function invalidateApiKeys(env: Env, db: Database, actorId: string, onlyKeyId?: string): Promise<void> {
  const condition = onlyKeyId ? and(eq(apiKeys.actorId, actorId), eq(apiKeys.id, onlyKeyId)) : eq(apiKeys.actorId, actorId);
  const rows = await db.select({ hash: apiKeys.keyHash }).from(apiKeys).where(condition);
  await Promise.all(rows.map((row) => env.API_KEYS.delete(row.hash)));
}

/** A new key for an actor: the plaintext (returned once) and the insert of its hash, for the caller's batch. */
export async function issueApiKey(db: Database, actorId: string, now: number) {
  const apiKey = generateApiKey();
  const keyId = `key_${crypto.randomUUID()}`;
  const statement = db.insert(apiKeys).values({ id: keyId, actorId, keyHash: await hashApiKey(apiKey), prefix: apiKey.slice(0, 12), createdAt: now });
  return { apiKey, keyId, statement };
}
