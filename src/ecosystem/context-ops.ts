import { z } from "zod";
import type { CallOptions } from "./http/call-service";
import type { EcosystemService } from "./services";

/**
 * The work CONTEXT_OPS_QUEUE carries: reconcile provisional ChittyIDs, forward the outbox, continue initialization.
 * Each message only says what to look at; the state is in D1, so duplicates cost one query and lose nothing.
 */
export const contextOp = z.discriminatedUnion("type", [
  z.object({ type: z.literal("reconcile") }),
  z.object({ type: z.literal("drain-outbox") }),
  z.object({ type: z.literal("initialize") }),
]);
export type ContextOp = z.infer<typeof contextOp>;

/** Queues a context operation; a failed send is logged, not thrown, since the cron backstop repeats every op. */
export async function enqueueContextOp(env: Env, op: ContextOp, delaySeconds = 0): Promise<void> {
  try {
    await env.CONTEXT_OPS_QUEUE.send(op, { contentType: "json", ...(delaySeconds > 0 ? { delaySeconds: Math.min(Math.ceil(delaySeconds), 43_200) } : {}) });
  } catch (error) {
    console.error("could not queue a context operation; the cron will do it", { op: op.type, error: String(error) });
  }
}

/** What a service answering again means for the gateway's pending work. */
const ON_RECOVERY: Partial<Record<EcosystemService, ContextOp["type"]>> = {
  chittyid: "reconcile",
  chittydna: "drain-outbox",
  chittychronicle: "drain-outbox",
};

/**
 * Call options for a request or a queue run: its signal, and an `onRecovered` hook that queues the work a
 * service's recovery unblocks (reconciliation for ChittyID, the outbox for DNA and Chronicle), so both start on
 * their own with the first successful call or half-open probe, with the cron only as a backstop.
 */
export function ecosystemCallOptions(env: Env, scope: { signal?: AbortSignal; waitUntil: (promise: Promise<unknown>) => void }): CallOptions {
  return {
    ...(scope.signal ? { signal: scope.signal } : {}),
    onRecovered: (service) => {
      const type = ON_RECOVERY[service];
      if (type) scope.waitUntil(enqueueContextOp(env, { type }));
    },
  };
}

/**
 * Call options for work nobody waits on (queue handlers, the App's callback): the hooks' promises are collected
 * and `settle()` awaits them, since those callers have no ExecutionContext to hand them to.
 */
export function backgroundCallOptions(env: Env): CallOptions & { waitUntil: (promise: Promise<unknown>) => void; settle: () => Promise<unknown> } {
  const pending: Promise<unknown>[] = [];
  const waitUntil = (promise: Promise<unknown>) => void pending.push(promise);
  return { ...ecosystemCallOptions(env, { waitUntil }), waitUntil, settle: () => Promise.allSettled(pending) };
}
