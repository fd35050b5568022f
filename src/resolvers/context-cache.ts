import type { RequestContext } from "../context";
import type { ContextRow } from "../db/schema";

/**
 * CHITTYCONNECT_KV ("context storage" in the scope) as a read-through cache of context rows.
 * D1 stays the record of truth: every write goes to D1 first and then refreshes the entry, and every
 * update re-reads D1 for its version check. A reader that raced a writer can leave an older row behind;
 * the short TTL bounds that window.
 */
const TTL_SECONDS = 60;
const key = (id: string) => `context:v1:${id}`;

export async function cachedContext(ctx: RequestContext, id: string): Promise<ContextRow | null> {
  return ctx.env.CHITTYCONNECT_KV.get<ContextRow>(key(id), "json");
}

/** Fills the cache after a D1 read, after the response has gone out. */
export function fillContextCache(ctx: RequestContext, row: ContextRow): void {
  ctx.waitUntil(ctx.env.CHITTYCONNECT_KV.put(key(row.id), JSON.stringify(row), { expirationTtl: TTL_SECONDS }));
}

/** Replaces the entry with a row D1 just committed, before the writer answers, so its next read sees it. */
export async function refreshContextCache(ctx: RequestContext, row: ContextRow): Promise<void> {
  await ctx.env.CHITTYCONNECT_KV.put(key(row.id), JSON.stringify(row), { expirationTtl: TTL_SECONDS });
}
