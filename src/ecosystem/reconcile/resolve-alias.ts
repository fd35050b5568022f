import { eq, inArray, isNotNull, and } from "drizzle-orm";
import type { Database } from "../../db/client";
import { chittyIds } from "../../db/schema";

/**
 * The current id of an entity: the authority's id when `id` is a reconciled provisional one (its alias), else `id`
 * itself. One primary-key read; aliases never chain, since reconciliation only replaces provisional ids with the
 * authority's, which are final.
 */
export async function resolveAlias(db: Database, id: string): Promise<string> {
  const [row] = await db
    .select({ replacedBy: chittyIds.replacedBy })
    .from(chittyIds)
    .where(and(eq(chittyIds.id, id), isNotNull(chittyIds.replacedBy)))
    .limit(1);
  return row?.replacedBy ?? id;
}

/** resolveAlias for many ids in one query: each id mapped to its current id. */
export async function resolveAliases(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, string>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < unique.length; i += 90) {
    const rows = await db
      .select({ id: chittyIds.id, replacedBy: chittyIds.replacedBy })
      .from(chittyIds)
      .where(and(inArray(chittyIds.id, unique.slice(i, i + 90)), isNotNull(chittyIds.replacedBy)));
    for (const row of rows) if (row.replacedBy) found.set(row.id, row.replacedBy);
  }
  return new Map(unique.map((id) => [id, found.get(id) ?? id]));
}
