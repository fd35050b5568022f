import { createDatabase } from "../../db/client";
import { repositoryKeyOf, pullRequests } from "../../db/schema";
import { pullRequestKey } from "./review-claim";
import { reviewMessage } from "./review-message";

/**
 * REVIEW_DLQ consumer: a review the queue gave up on (retries spent) is recorded on its pull request
 * (`last_error`) and its hold is freed, so the next event's request runs at once instead of after the lease. It is
 * not requested again by itself: a review that failed five times would fail the same way every sweep. A push
 * analysis or an unreadable message leaves its log line as its trace.
 * @see https://developers.cloudflare.com/queues/configuration/dead-letter-queues/
 */
export async function handleReviewDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  for (const message of batch.messages) {
    const parsed = reviewMessage.safeParse(message.body);
    console.error("review job is dead", { id: message.id, body: parsed.success ? parsed.data : "unreadable" });
    if (parsed.success && parsed.data.kind === "pull_request.review") {
      const { repository, number } = parsed.data;
      try {
        await db
          .update(pullRequests)
          .set({ runningBy: null, runningUntil: null, lastError: `the review job failed ${message.attempts} time(s) and was dead-lettered`, updatedAt: Date.now() })
          .where(pullRequestKey(repositoryKeyOf(repository), number));
      } catch (error) {
        console.error("dead review could not be recorded; retrying", { repository, number, error: String(error) });
        message.retry({ delaySeconds: 30 });
        continue;
      }
    }
    message.ack();
  }
}
