import type { Database } from "../../db/client";
import { staleReviewRequests } from "./review-claim";
import { sendReviewMessage } from "./review-message";

/** A request still waiting after this long lost its message (a send that failed after the commit). */
export const LOST_REQUEST_AFTER_MS = 15 * 60_000;

/**
 * The cron sweep's part of the review pipeline: sends again the requests whose message was lost, so a failed
 * after-commit send delays a review by one sweep instead of losing it. Returns how many were sent.
 */
export async function resendWaitingReviews(env: Env, db: Database, now: number): Promise<number> {
  const waiting = await staleReviewRequests(db, now, LOST_REQUEST_AFTER_MS);
  for (const pr of waiting) {
    await sendReviewMessage(env, { kind: "pull_request.review", deliveryId: crypto.randomUUID(), repository: pr.repository, number: pr.number });
  }
  return waiting.length;
}
