import { handleDeadLetterBatch } from "./dead-letter-consumer";
import { handleEventBatch } from "./consumer";
import { handleTriageBatch } from "./triage/triage-consumer";

// Each environment suffixes its queue names (wrangler.toml): none locally and in production, -staging in staging.
const EVENT_QUEUE = /^chittyconnect-events(-staging)?$/;
const DEAD_LETTER_QUEUE = /^chittyconnect-events-dlq(-staging)?$/;
const TRIAGE_QUEUE = /^chittyconnect-triage(-staging)?$/;

/** Sends each queue's batches to its consumer; a queue without one has its batches retried, never acknowledged. */
export async function routeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (EVENT_QUEUE.test(batch.queue)) return handleEventBatch(batch, env);
  if (DEAD_LETTER_QUEUE.test(batch.queue)) return handleDeadLetterBatch(batch, env);
  if (TRIAGE_QUEUE.test(batch.queue)) return handleTriageBatch(batch, env);
  console.error("no consumer for queue", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
