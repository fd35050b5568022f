import { lt } from "drizzle-orm";
import type { Database } from "../db/client";
import { authFailureMinutes, usedFlowStates } from "../db/schema";

/** Failure counters are kept this long: enough to look back on an incident, bounded whatever the traffic. */
export const AUTH_FAILURE_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/** Cron: used setup states past their expiry can no longer be replayed, so their record can go. */
export async function purgeUsedFlowStates(db: Database, now = Date.now()): Promise<number> {
  return (await db.delete(usedFlowStates).where(lt(usedFlowStates.expiresAt, now)).run()).meta.changes ?? 0;
}

/** Cron: failure counters older than the retention window. */
export async function purgeAuthFailureCounts(db: Database, now = Date.now()): Promise<number> {
  return (await db.delete(authFailureMinutes).where(lt(authFailureMinutes.minute, now - AUTH_FAILURE_RETENTION_MS)).run()).meta.changes ?? 0;
}
