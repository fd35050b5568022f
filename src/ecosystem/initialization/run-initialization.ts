import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { INITIALIZATION_STEPS, initializationSteps, type InitializationStepRow } from "../../db/schema";
import { retryAfterMs } from "../backoff";
import { ecosystemConfig } from "../config";
import type { CallOptions } from "../http/call-service";
import { initializationStatus, type InitializationStatus } from "./initialization-status";
import { releaseInitializationLease, takeInitializationLease } from "./initialization-lease";
import { STEP_RUNNERS, type StepScope } from "./initialization-steps";
import type { InitializationInput } from "./service-context";

/**
 * Runs the service context's initialization steps that are not done yet and are due, in order, under the
 * initialization lease (so concurrent first requests run it once), recording each step's status in its own batch
 * with what the step writes: a step is done exactly when its writes are. A failed step records its error and a
 * backoff, and the next steps still run; whoever comes later (a request, the queue, the cron) retries it once due.
 */
export async function runInitialization(
  env: Env,
  db: Database,
  input: InitializationInput,
  options: CallOptions & { waitUntil: (promise: Promise<unknown>) => void; now?: () => number },
): Promise<InitializationStatus & { ran: boolean }> {
  const clock = options.now ?? Date.now;
  const holder = crypto.randomUUID();
  // Long enough for every step to wait its full timeout, so a slow run is never joined by a second one.
  const leaseMs = Math.max(60_000, (INITIALIZATION_STEPS.length + 3) * ecosystemConfig(env).timeoutMs);
  if (!(await takeInitializationLease(db, holder, clock(), leaseMs))) return { ...(await initializationStatus(db, clock())), ran: false };
  try {
    const rows = new Map((await db.select().from(initializationSteps)).map((row) => [row.name, row]));
    const scope: StepScope = { env, db, options, input, now: clock(), details: {} };
    for (const row of rows.values()) if (row.detail) scope.details[row.name] = row.detail;
    for (const name of INITIALIZATION_STEPS) {
      const row = rows.get(name);
      if (row && (row.status === "done" || row.status === "skipped")) continue;
      if (row?.status === "failed" && (row.nextAttemptAt ?? 0) > clock()) continue;
      scope.now = clock();
      await runStep(scope, name, row);
    }
  } finally {
    await releaseInitializationLease(db, holder).catch(() => undefined);
  }
  return { ...(await initializationStatus(db, clock())), ran: true };
}

async function runStep(scope: StepScope, name: InitializationStepRow["name"], row: InitializationStepRow | undefined): Promise<void> {
  const attempts = (row?.attempts ?? 0) + 1;
  const { db, now } = scope;
  const save = (values: Omit<typeof initializationSteps.$inferInsert, "name" | "attempts" | "updatedAt">) => {
    const full = { name, attempts, updatedAt: now, ...values };
    return db.insert(initializationSteps).values(full).onConflictDoUpdate({ target: initializationSteps.name, set: full });
  };
  try {
    const result = await STEP_RUNNERS[name](scope);
    const statements: BatchItem[] = [...(result.statements ?? []), save({ status: result.status, detail: result.detail, error: null, nextAttemptAt: null })];
    await db.batch(statements as [BatchItem, ...BatchItem[]]);
    scope.details[name] = result.detail;
  } catch (error) {
    // Whatever failed (a service, D1, a bug) is the step's error, retried later: initialization runs after the
    // response, where a thrown error would only be lost.
    const message = error instanceof Error ? error.message : String(error);
    console.error("initialization step failed", { step: name, attempts, error: message });
    await save({ status: "failed", error: message.slice(0, 500), nextAttemptAt: now + retryAfterMs(attempts), detail: row?.detail ?? null }).catch(() => undefined);
  }
}
