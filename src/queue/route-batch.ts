import { handleEventBatch } from "./consumer";

// Each environment suffixes its queue names (wrangler.toml); the dead-letter queue has no consumer here.
const EVENT_QUEUE = /^chittyconnect-events(-staging)?$/;

/** Sends each queue's batches to its consumer; a queue without one has its batches retried, never acknowledged. */
export async function routeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (EVENT_QUEUE.test(batch.queue)) return handleEventBatch(batch, env);
  console.error("no consumer for queue", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
