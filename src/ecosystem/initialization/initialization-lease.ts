import { and, eq, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { initializationLease } from "../../db/schema";

const LEASE_ID = "service-context";

/**
 * Takes the initialization lease for `leaseMs`, in one conditional upsert: it succeeds only when nobody holds a
 * live lease, so of any number of concurrent first requests (in one isolate or many) exactly one runs the steps.
 */
export async function takeInitializationLease(db: Database, holder: string, now: number, leaseMs: number): Promise<boolean> {
  const rows = await db
    .insert(initializationLease)
    .values({ id: LEASE_ID, holder, leaseUntil: now + leaseMs })
    .onConflictDoUpdate({ target: initializationLease.id, set: { holder, leaseUntil: now + leaseMs }, setWhere: lt(initializationLease.leaseUntil, now) })
    .returning({ holder: initializationLease.holder });
  return rows[0]?.holder === holder;
}

/** Gives the lease back early, so a retry need not wait for it to lapse. */
export async function releaseInitializationLease(db: Database, holder: string): Promise<void> {
  await db.delete(initializationLease).where(and(eq(initializationLease.id, LEASE_ID), eq(initializationLease.holder, holder)));
}

/** Whether someone holds a live lease now (for /health's "in-progress"). */
export async function initializationRunning(db: Database, now: number): Promise<boolean> {
  const [row] = await db.select().from(initializationLease).where(eq(initializationLease.id, LEASE_ID)).limit(1);
  return row !== undefined && row.leaseUntil > now;
}
