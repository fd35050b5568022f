import { createDatabase } from "../db/client";
import { backgroundCallOptions, contextOp, enqueueContextOp, type ContextOp } from "../ecosystem/context-ops";
import { drainOutbox } from "../ecosystem/outbox/drain-outbox";
import { initializeGateway } from "../resolvers/initialization";
import { reconcileAndEvict } from "../resolvers/reconciliation";
import { retryDelaySeconds } from "./retry-delay";

/**
 * CONTEXT_OPS_QUEUE consumer: reconciles provisional ChittyIDs, forwards the outbox, continues initialization.
 * A message only names the work (the state is in D1), so one run per kind serves every copy in the batch. The
 * outbox queues itself again for when its next row is due, so a drain started by a recovery finishes on its own;
 * a failed run is retried with backoff, and the cron repeats everything as a backstop.
 * @see https://developers.cloudflare.com/queues/configuration/batching-retries/
 */
export async function handleContextOpsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ops = new Map<ContextOp["type"], Message<unknown>[]>();
  for (const message of batch.messages) {
    const parsed = contextOp.safeParse(message.body);
    if (!parsed.success) {
      // Nothing could ever make it valid, and it carries no state: acknowledging it loses nothing.
      console.error("CONTEXT_OPS_QUEUE message is not a context operation; dropping it", { id: message.id });
      message.ack();
      continue;
    }
    ops.set(parsed.data.type, [...(ops.get(parsed.data.type) ?? []), message]);
  }
  const db = createDatabase(env.DB);
  for (const [type, messages] of ops) {
    try {
      await runContextOp(env, db, type);
      for (const message of messages) message.ack();
    } catch (error) {
      console.error("context operation failed; retrying", { type, error: error instanceof Error ? error.message : String(error) });
      for (const message of messages) message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
    }
  }
}

/** Runs one kind of context operation to the end of what can be done now. */
export async function runContextOp(env: Env, db: ReturnType<typeof createDatabase>, type: ContextOp["type"]): Promise<void> {
  const options = backgroundCallOptions(env);
  if (type === "reconcile") {
    const result = await reconcileAndEvict(env, db, options);
    if (result.reconciled.length || result.stoppedBy) console.log("reconciliation", { reconciled: result.reconciled.length, remaining: result.remaining, stoppedBy: result.stoppedBy });
  } else if (type === "drain-outbox") {
    const result = await drainOutbox(env, db, options);
    if (result.remaining > result.held && result.nextDueAt !== null) {
      await enqueueContextOp(env, { type: "drain-outbox" }, Math.max(1, (result.nextDueAt - Date.now()) / 1000));
    }
  } else {
    await initializeGateway(env, db, null, options);
  }
  await options.settle();
}
