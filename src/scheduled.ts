import { createDatabase } from "./db/client";
import { certifyGateway } from "./ecosystem/certification";
import { backgroundCallOptions } from "./ecosystem/context-ops";
import { drainOutbox } from "./ecosystem/outbox/drain-outbox";
import { purgeDeliveredOutbox } from "./ecosystem/outbox/outbox-status";
import { purgeExpiredDelegations } from "./resolvers/delegation";
import { initializeGateway } from "./resolvers/initialization";
import { purgeAuthFailureCounts, purgeUsedFlowStates } from "./resolvers/maintenance";
import { reconcileAndEvict } from "./resolvers/reconciliation";
import { purgeLapsedLeases } from "./subscriptions/subscription-lease";
import { resendWaitingReviews } from "./queue/reviews/resend-waiting-reviews";

/**
 * The cron trigger's periodic maintenance; each task is independent, so one failing does not stop the rest.
 * The ChittyOS tasks are backstops: reconciliation and the outbox start on their own when a service answers
 * again (CONTEXT_OPS_QUEUE), and initialization on the first request; the cron catches what those missed.
 * Certificates are renewed only here, before they expire.
 */
export async function runScheduledTasks(env: Env, now = Date.now()): Promise<Record<string, number | string>> {
  const db = createDatabase(env.DB);
  const options = backgroundCallOptions(env);
  const tasks: Record<string, () => Promise<number>> = {
    purgedDelegations: () => purgeExpiredDelegations(db, now),
    purgedFlowStates: () => purgeUsedFlowStates(db, now),
    purgedAuthFailureCounts: () => purgeAuthFailureCounts(db, now),
    purgedSubscriptionLeases: () => purgeLapsedLeases(db, now),
    reconciledIds: async () => (await reconcileAndEvict(env, db, options)).reconciled.length,
    forwardedRecords: async () => (await drainOutbox(env, db, options)).sent,
    purgedOutboxRows: () => purgeDeliveredOutbox(db, now),
    initializationStepsLeft: async () => {
      const status = await initializeGateway(env, db, null, options);
      return status.steps.filter((s) => s.status !== "done" && s.status !== "skipped").length;
    },
    renewedCertificates: async () => (await certifyGateway(env, db, options)).filter((o) => o.outcome === "certified").length,
    resentReviewRequests: () => resendWaitingReviews(env, db, now),
  };
  const outcome: Record<string, number | string> = {};
  for (const [name, task] of Object.entries(tasks)) {
    try {
      outcome[name] = await task();
    } catch (error) {
      console.error(`scheduled task ${name} failed`, error);
      outcome[name] = "failed";
    }
  }
  await options.settle();
  return outcome;
}
