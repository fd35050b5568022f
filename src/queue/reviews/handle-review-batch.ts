import { createDatabase, type Database } from "../../db/client";
import { repositoryKeyOf } from "../../db/schema";
import { AppError } from "../../errors";
import { isRetryable } from "../consumer";
import { retryDelaySeconds } from "../retry-delay";
import { releaseReview } from "./review-claim";
import { reviewMessage, type ReviewMessage } from "./review-message";
import { runPullRequestReview } from "./run-pull-request-review";
import { runPushAnalysis } from "./run-push-analysis";

const describe = (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error));

/**
 * REVIEW_Q consumer: runs each review or push analysis and acks it. A retryable failure (GitHub 5xx, a rate
 * limit) is retried with backoff, keeping the pull request's hold for the retry; one that cannot succeed goes to
 * REVIEW_DLQ at once and gives the hold back with the reason. Refused writes (403 on a fork) are not failures:
 * the job records them and acks, so nothing retries in a storm.
 * @see https://developers.cloudflare.com/queues/configuration/batching-retries/
 */
export async function handleReviewBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  // One at a time: the reviews of a batch usually share one installation's GitHub budget.
  for (const message of batch.messages) await handleMessage(message, env, db);
}

async function handleMessage(message: Message<unknown>, env: Env, db: Database): Promise<void> {
  const parsed = reviewMessage.safeParse(message.body);
  if (!parsed.success) {
    console.error("REVIEW_Q message is not a review request; dead-lettering it", { id: message.id, issue: parsed.error.issues[0]?.message });
    return deadLetter(message, env);
  }
  const job = parsed.data;
  const log = { kind: job.kind, repository: job.repository, deliveryId: job.deliveryId, attempts: message.attempts };
  try {
    const outcome = job.kind === "pull_request.review" ? await runPullRequestReview(env, db, job, message.id) : await runPushAnalysis(env, job);
    console.log("review job done", { ...log, outcome });
    message.ack();
  } catch (error) {
    const retryable = isRetryable(error);
    console.error("review job failed", { ...log, retryable, error: describe(error) });
    if (retryable) return message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
    if (job.kind === "pull_request.review") await giveUp(db, job, message.id, describe(error));
    return deadLetter(message, env);
  }
}

/** Frees a pull request a job cannot review, with the reason, so the next request is not blocked for the lease. */
async function giveUp(db: Database, job: Extract<ReviewMessage, { kind: "pull_request.review" }>, jobId: string, reason: string): Promise<void> {
  try {
    await releaseReview(db, repositoryKeyOf(job.repository), job.number, jobId, Date.now(), { lastError: reason.slice(0, 1000) });
  } catch (error) {
    console.error("review hold could not be released; its lease will lapse", { repository: job.repository, number: job.number, error: String(error) });
  }
}

/** Sends a message to REVIEW_DLQ and acks it; if the DLQ refuses, the message is retried instead. */
async function deadLetter(message: Message<unknown>, env: Env): Promise<void> {
  try {
    await env.REVIEW_DLQ.send(message.body, { contentType: "json" });
    message.ack();
  } catch (error) {
    console.error("review dead-letter queue refused the message; retrying it", { id: message.id, error: String(error) });
    message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
  }
}
