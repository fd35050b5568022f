import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors, delegations } from "../db/schema";

/** A delegation's D1 record with its delegator; revocation and the delegator's status are read here, every time. */
export async function loadDelegationWithDelegator(db: Database, tokenId: string) {
  const [row] = await db
    .select({ delegation: delegations, delegator: { id: actors.id, type: actors.type, capabilities: actors.capabilities, status: actors.status } })
    .from(delegations)
    .innerJoin(actors, eq(actors.id, delegations.delegatorId))
    .where(eq(delegations.id, tokenId))
    .limit(1);
  return row ?? null;
}
