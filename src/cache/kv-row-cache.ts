import type { RequestContext } from "../context";

/**
 * A read-through cache of D1 rows in CHITTYCONNECT_KV. D1 stays the record of truth: writers commit to D1 first
 * and then refresh (or evict) the entry, and anything that checks a row before changing it re-reads D1.
 * A reader that raced a writer can leave an older row behind; the short TTL bounds that window.
 */
const TTL_SECONDS = 60;

export function createKvRowCache<Row extends { id: string }>(prefix: string) {
  const key = (id: string) => `${prefix}:${id}`;
  // Writers outside a request (queue jobs) have only the env, which is all a put needs.
  const put = (ctx: Pick<RequestContext, "env">, row: Row) =>
    ctx.env.CHITTYCONNECT_KV.put(key(row.id), JSON.stringify(row), { expirationTtl: TTL_SECONDS });
  return {
    key,
    get: (ctx: RequestContext, id: string): Promise<Row | null> => ctx.env.CHITTYCONNECT_KV.get<Row>(key(id), "json"),
    /** Fills the cache after a D1 read, after the response has gone out. */
    fill: (ctx: RequestContext, row: Row): void => ctx.waitUntil(put(ctx, row)),
    /** Replaces the entry with a row D1 just committed, before the writer answers, so its next read sees it. */
    refresh: (ctx: Pick<RequestContext, "env">, row: Row): Promise<void> => put(ctx, row),
    /** Removes entries whose rows no longer belong in a cache. */
    evict: async (ctx: Pick<RequestContext, "env">, ids: readonly string[]): Promise<void> => {
      await Promise.all(ids.map((id) => ctx.env.CHITTYCONNECT_KV.delete(key(id))));
    },
  };
}
