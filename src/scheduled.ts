import { createDatabase } from "./db/client";
import { purgeExpiredDelegations } from "./resolvers/delegation";
import { purgeAuthFailureCounts, purgeUsedFlowStates } from "./resolvers/maintenance";
import { purgeLapsedLeases } from "./subscriptions/subscription-lease";
import { resendWaitingReviews } from "./queue/reviews/resend-waiting-reviews";

/** The cron trigger's periodic maintenance; each task is independent, so one failing does not stop the rest. */
export async function runScheduledTasks(env: Env, now = Date.now()): Promise<Record<string, number | string>> {
  const db = createDatabase(env.DB);
  const tasks: Record<string, () => Promise<number>> = {
    purgedDelegations: () => purgeExpiredDelegations(db, now),
    purgedFlowStates: () => purgeUsedFlowStates(db, now),
    purgedAuthFailureCounts: () => purgeAuthFailureCounts(db, now),
    purgedSubscriptionLeases: () => purgeLapsedLeases(db, now),
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
  return outcome;
}
