import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { isAdmin, requireCapability } from "../auth/capabilities";
import type { RequestContext } from "../context";
import { contexts, type ContextRow } from "../db/schema";
import { pageLimit } from "../db/pagination";

/** LIKE matches the text literally: the user's %, _ and \ are escaped. */
function likePattern(query: string): string {
  return `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case-insensitive substring search over name, description and data. Ranking: an exact name,
 * then a name prefix, then a name match, then description, then data; newest first within a rank.
 */
export async function searchContexts(
  ctx: RequestContext,
  args: { query: string; first?: number | null },
): Promise<ContextRow[]> {
  requireCapability(ctx.actor, "contexts:read");
  const needle = args.query.toLowerCase();
  const contains = likePattern(args.query);
  const prefix = contains.slice(1);
  const rank = sql<number>`CASE
    WHEN lower(${contexts.name}) = ${needle} THEN 0
    WHEN lower(${contexts.name}) LIKE ${prefix} ESCAPE '\\' THEN 1
    WHEN lower(${contexts.name}) LIKE ${contains} ESCAPE '\\' THEN 2
    WHEN lower(${contexts.description}) LIKE ${contains} ESCAPE '\\' THEN 3
    ELSE 4 END`;
  const conditions = [
    isNull(contexts.deletedAt),
    sql`(lower(${contexts.name}) LIKE ${contains} ESCAPE '\\'
      OR lower(${contexts.description}) LIKE ${contains} ESCAPE '\\'
      OR lower(${contexts.data}) LIKE ${contains} ESCAPE '\\')`,
  ];
  if (!isAdmin(ctx.actor)) conditions.push(eq(contexts.ownerId, ctx.actor.id));
  return ctx.db
    .select()
    .from(contexts)
    .where(and(...conditions))
    .orderBy(rank, desc(contexts.updatedAt))
    .limit(pageLimit(args.first));
}
