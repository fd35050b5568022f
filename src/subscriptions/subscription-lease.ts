import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { RequestContext } from "../context";
import type { Database } from "../db/client";
import { subscriptionLeases } from "../db/schema";
import { TooManySubscriptionsError } from "../errors";
import { LIMITS } from "../limits";

/** A lease lapses this long after its last renewal, so a stream whose isolate vanished stops counting. */
export const LEASE_MS = 90_000;
/** The isolate's poller renews its streams' leases this often. */
export const LEASE_RENEW_MS = 30_000;

export interface SubscriptionLease {
  id: string;
  release(): Promise<void>;
}

/**
 * Takes one of the budget's concurrent-stream places, or refuses with TOO_MANY_SUBSCRIPTIONS. The count and the
 * insert are one statement, so concurrent openers cannot both take the last place.
 */
export async function acquireSubscriptionLease(ctx: RequestContext, now = Date.now()): Promise<SubscriptionLease> {
  const id = crypto.randomUUID();
  const owner = ctx.actor.budgetOwnerId;
  const t = subscriptionLeases;
  const live = ctx.db.select({ n: count() }).from(t).where(and(eq(t.budgetOwnerId, owner), gt(t.leaseUntil, now)));
  const result = await ctx.db.run(sql`INSERT INTO ${t} (id, budget_owner_id, actor_id, opened_at, lease_until)
    SELECT ${id}, ${owner}, ${ctx.actor.id}, ${now}, ${now + LEASE_MS} WHERE (${live}) < ${LIMITS.subscriptionsPerBudget}`);
  if (result.meta.changes !== 1) throw new TooManySubscriptionsError(LIMITS.subscriptionsPerBudget);
  return {
    id,
    release: async () => {
      await ctx.db.delete(t).where(eq(t.id, id));
    },
  };
}

/**
 * One statement renewing every lease of an isolate's open streams, unexecuted, for the poller's batch. The ids
 * travel as one JSON parameter: D1 binds at most 100 per statement.
 */
export function renewLeasesQuery(db: Database, ids: readonly string[], now: number) {
  return db
    .update(subscriptionLeases)
    .set({ leaseUntil: now + LEASE_MS })
    .where(inArray(subscriptionLeases.id, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`));
}

/** Cron: leases that lapsed (their stream's isolate is gone). */
export async function purgeLapsedLeases(db: Database, now = Date.now()): Promise<number> {
  const result = await db.delete(subscriptionLeases).where(lt(subscriptionLeases.leaseUntil, now)).run();
  return result.meta.changes ?? 0;
}
