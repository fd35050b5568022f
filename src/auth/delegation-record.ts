import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors, delegations, type DelegationRow } from "../db/schema";

/** How many delegations may be derived one from another below a top-level one. */
export const MAX_DELEGATION_DEPTH = 3;

// drizzle has no recursive CTE builder for SQLite; these subqueries go through its `sql` template, so values
// are still bound parameters. The depth bound also stops a (corrupt) cycle from looping.
// `tokenIds` is a parenthesised list or subquery, so one statement can read the chains of many streams' tokens.
const ancestorsAndSelf = (tokenIds: SQL) => sql`(WITH RECURSIVE chain(id, parent_id, depth) AS (
  SELECT ${delegations.id}, ${delegations.parentId}, 0 FROM ${delegations} WHERE ${delegations.id} IN ${tokenIds}
  UNION ALL SELECT d.id, d.parent_id, chain.depth + 1 FROM ${delegations} d JOIN chain ON d.id = chain.parent_id
  WHERE chain.depth <= ${MAX_DELEGATION_DEPTH}) SELECT id FROM chain)`;

/** A delegation and every delegation derived from it, at any depth. */
export const descendantsAndSelf = (tokenId: string) => sql`(WITH RECURSIVE sub(id, depth) AS (
  SELECT ${delegations.id}, 0 FROM ${delegations} WHERE ${delegations.id} = ${tokenId}
  UNION ALL SELECT d.id, sub.depth + 1 FROM ${delegations} d JOIN sub ON d.parent_id = sub.id
  WHERE sub.depth <= ${MAX_DELEGATION_DEPTH}) SELECT id FROM sub)`;

export interface DelegationChain {
  delegation: DelegationRow;
  /** The delegations it was derived from, nearest first; empty for a top-level delegation. */
  ancestors: DelegationRow[];
  delegator: { id: string; type: "human" | "ai" | "service" | "system"; capabilities: string[]; status: "active" | "suspended" | "revoked"; budgetOwnerId: string | null };
}

/**
 * A delegation's D1 record with its ancestors and its delegator, in one query. Revocation, expiry and the
 * delegator's status are read here on every use, so revoking any link ends the whole chain at once.
 */
export async function loadDelegationChain(db: Database, tokenId: string): Promise<DelegationChain | null> {
  return assembleChain(await delegationChainsQuery(db, sql`(${tokenId})`), tokenId);
}

/**
 * The query behind loadDelegationChain for any number of tokens (`tokenIds` as in ancestorsAndSelf), unexecuted,
 * for a batch. No two selected columns share a name: a D1 batch answers rows as objects keyed by column name.
 */
export function delegationChainsQuery(db: Database, tokenIds: SQL) {
  return db
    .select({
      delegation: delegations,
      delegator: { id: sql<string>`${actors.id}`.as("delegator_actor_id"), type: actors.type, capabilities: actors.capabilities, status: actors.status, budgetOwnerId: actors.budgetOwnerId },
    })
    .from(delegations)
    .innerJoin(actors, eq(actors.id, delegations.delegatorId))
    .where(inArray(delegations.id, ancestorsAndSelf(tokenIds)));
}

/** One token's chain out of the rows delegationChainsQuery read; null when the token itself is not among them. */
export function assembleChain(rows: Awaited<ReturnType<typeof delegationChainsQuery>>, tokenId: string): DelegationChain | null {
  const byId = new Map(rows.map((row) => [row.delegation.id, row]));
  const self = byId.get(tokenId);
  if (!self) return null;
  const ancestors: DelegationRow[] = [];
  for (let parent = self.delegation.parentId; parent; parent = byId.get(parent)?.delegation.parentId ?? null) {
    const row = byId.get(parent);
    // A missing parent (purged after expiry) breaks the chain: the child cannot outlive it either.
    if (!row) return { ...self, ancestors: [...ancestors, missingParent(parent)] };
    ancestors.push(row.delegation);
  }
  return { delegation: self.delegation, ancestors, delegator: self.delegator };
}

const missingParent = (id: string): DelegationRow => ({
  id,
  delegatorId: "",
  targetService: "",
  scopes: [],
  issuedAt: 0,
  expiresAt: 0,
  revokedAt: 0,
  revokedBy: null,
  parentId: null,
});

/** Why a chain no longer authorizes anything, or null while every link is live. */
export function chainProblem(chain: DelegationChain, now = Date.now()): "revoked" | "expired" | "delegator-inactive" | null {
  for (const link of [chain.delegation, ...chain.ancestors]) {
    if (link.revokedAt !== null) return "revoked";
    if (link.expiresAt <= now) return "expired";
  }
  return chain.delegator.status === "active" ? null : "delegator-inactive";
}
