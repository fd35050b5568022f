import type { z } from "zod";
import type { Database } from "../../db/client";
import { InvalidInputError } from "../../errors";
import type { BatchItem } from "../../db/batch";

/** What a handler knows about the delivery it handles. */
export interface DeliveryContext {
  env: Env;
  db: Database;
  deliveryId: string;
  event: string;
  action: string | undefined;
  now: number;
  /**
   * Runs `step` once this attempt's writes have committed, and never if they do not (a failed batch, a
   * duplicate): for work that must not start before the writes are visible, such as enqueueing a job that
   * reads them. A failing step is logged, not retried: the delivery is already processed.
   */
  afterCommit: (step: AfterCommitStep) => void;
}

/** Work a handler defers until its writes committed; `name` identifies it in logs. */
export interface AfterCommitStep {
  name: string;
  run: () => Promise<void>;
}

/**
 * A handler reads what it needs (D1, GitHub) and returns its writes without running them: the consumer
 * commits them in one D1 batch together with marking the delivery processed, so a delivery is either
 * fully recorded or not at all. Handlers must be idempotent, because a failed batch is retried.
 */
export type DeliveryHandler = (ctx: DeliveryContext, payload: Record<string, unknown>) => Promise<BatchItem[]>;

/** Thrown for a payload without the fields a handler needs: retrying cannot fix it, so it is dead-lettered at once. */
export class InvalidPayloadError extends InvalidInputError {
  constructor(event: string, error: z.ZodError) {
    const where = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
    super(`The ${event} payload lacks what its handler needs (${where})`, undefined, "INVALID_PAYLOAD");
  }
}

/** Parses a payload with a handler's zod schema, or throws InvalidPayloadError. */
export function parsePayload<T extends z.ZodType>(schema: T, ctx: DeliveryContext, payload: unknown): z.infer<T> {
  const result = schema.safeParse(payload);
  if (!result.success) throw new InvalidPayloadError(ctx.event, result.error);
  return result.data;
}
