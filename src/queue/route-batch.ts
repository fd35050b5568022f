import { handleContextOpsBatch } from "./context-ops-consumer";
import { handleDeadLetterBatch } from "./dead-letter-consumer";
import { handleEventBatch } from "./consumer";
import { handleReviewBatch } from "./reviews/handle-review-batch";
import { handleReviewDeadLetterBatch } from "./reviews/handle-review-dead-letter";
import { handleTriageBatch } from "./triage/triage-consumer";

// Each environment suffixes its queue names (wrangler.toml): none locally and in production, -staging in staging.
const EVENT_QUEUE = /^chittyconnect-events(-staging)?$/;
const DEAD_LETTER_QUEUE = /^chittyconnect-events-dlq(-staging)?$/;
const CONTEXT_OPS_QUEUE = /^chittyconnect-context-ops(-staging)?$/;
const REVIEW_QUEUE = /^chittyconnect-reviews(-staging)?$/;
const REVIEW_DEAD_LETTER_QUEUE = /^chittyconnect-reviews-dlq(-staging)?$/;
const TRIAGE_QUEUE = /^chittyconnect-triage(-staging)?$/;

/** Sends each queue's batches to its consumer; a queue without one has its batches retried, never acknowledged. */
export async function routeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (EVENT_QUEUE.test(batch.queue)) return handleEventBatch(batch, env);
  if (DEAD_LETTER_QUEUE.test(batch.queue)) return handleDeadLetterBatch(batch, env);
  if (CONTEXT_OPS_QUEUE.test(batch.queue)) return handleContextOpsBatch(batch, env);
  if (REVIEW_QUEUE.test(batch.queue)) return handleReviewBatch(batch, env);
  if (REVIEW_DEAD_LETTER_QUEUE.test(batch.queue)) return handleReviewDeadLetterBatch(batch, env);
  if (TRIAGE_QUEUE.test(batch.queue)) return handleTriageBatch(batch, env);
  console.error("no consumer for queue", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
