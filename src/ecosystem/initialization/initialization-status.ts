import type { Database } from "../../db/client";
import { INITIALIZATION_STEPS, initializationSteps, type InitializationStepName } from "../../db/schema";
import { initializationRunning } from "./initialization-lease";

export interface InitializationStep {
  name: InitializationStepName;
  status: "pending" | "done" | "skipped" | "failed";
  error?: string;
}

export interface InitializationStatus {
  /**
   * pending: nothing ran yet; in-progress: a run holds the lease; retrying: a step failed and waits for its
   * backoff; complete: every step is done or skipped (its service is embedded).
   */
  status: "pending" | "in-progress" | "retrying" | "complete";
  steps: InitializationStep[];
  /** When the earliest failed step is due again (ms since the epoch), for whoever retries it. */
  nextAttemptAt: number | null;
}

/** Each step's status, in order, and the overall one, from D1. */
export async function initializationStatus(db: Database, now = Date.now()): Promise<InitializationStatus> {
  const rows = new Map((await db.select().from(initializationSteps)).map((row) => [row.name, row]));
  const steps = INITIALIZATION_STEPS.map((name): InitializationStep => {
    const row = rows.get(name);
    return row ? { name, status: row.status, ...(row.status === "failed" && row.error ? { error: row.error } : {}) } : { name, status: "pending" };
  });
  const failed = [...rows.values()].filter((r) => r.status === "failed");
  const nextAttemptAt = failed.length ? Math.min(...failed.map((r) => r.nextAttemptAt ?? now)) : null;
  let status: InitializationStatus["status"];
  if (steps.every((s) => s.status === "done" || s.status === "skipped")) status = "complete";
  else if (await initializationRunning(db, now)) status = "in-progress";
  else if (failed.length > 0) status = "retrying";
  else status = rows.size > 0 ? "in-progress" : "pending";
  return { status, steps, nextAttemptAt };
}
