import type { RequestContext } from "../context";
import type { ConnectionRow } from "../db/schema";

/**
 * CHITTYCONNECT_KV as a read-through cache of connection rows, as for contexts: D1 is the record of truth,
 * writers refresh the entry after committing, and a disconnect removes it. The short TTL bounds how long a
 * reader that raced a writer can leave an older row behind.
 */
const TTL_SECONDS = 60;
export const connectionCacheKey = (id: string) => `connection:v1:${id}`;

export async function cachedConnection(ctx: RequestContext, id: string): Promise<ConnectionRow | null> {
  return ctx.env.CHITTYCONNECT_KV.get<ConnectionRow>(connectionCacheKey(id), "json");
}

/** Fills the cache after a D1 read, after the response has gone out. */
export function fillConnectionCache(ctx: RequestContext, row: ConnectionRow): void {
  ctx.waitUntil(ctx.env.CHITTYCONNECT_KV.put(connectionCacheKey(row.id), JSON.stringify(row), { expirationTtl: TTL_SECONDS }));
}

/** Replaces the entry with a row D1 just committed, before the writer answers, so its next read sees it. */
export async function refreshConnectionCache(ctx: RequestContext, row: ConnectionRow): Promise<void> {
  await ctx.env.CHITTYCONNECT_KV.put(connectionCacheKey(row.id), JSON.stringify(row), { expirationTtl: TTL_SECONDS });
}

/** The cleanup half of a disconnect: nothing about the connection outlives it in KV. */
export async function evictConnections(ctx: RequestContext, ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => ctx.env.CHITTYCONNECT_KV.delete(connectionCacheKey(id))));
}
