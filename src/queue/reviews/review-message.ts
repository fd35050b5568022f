import { z } from "zod";
import { deliveryId } from "../../deliveries/message";

const fullName = z.string().regex(/^[^/\s]+\/[^/\s]+$/);
const sha = z.string().regex(/^[0-9a-f]{40}$/i);

/**
 * A REVIEW_Q message: a request, never the work's state. A pull request's review is looked up in D1 by repository
 * and number (the job reviews whatever head GitHub reports then); a push's analysis carries its range.
 * `deliveryId` is the delivery that asked, for logs.
 */
export const reviewMessage = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("pull_request.review"), deliveryId, repository: fullName, number: z.number().int().positive() }),
  z.strictObject({
    kind: z.literal("push.analysis"),
    deliveryId,
    installationId: z.number().int().positive(),
    repository: fullName,
    repositoryNodeId: z.string().min(1),
    ref: z.string().min(1),
    before: sha,
    after: sha,
  }),
]);
export type ReviewMessage = z.infer<typeof reviewMessage>;
export type PullRequestReviewMessage = Extract<ReviewMessage, { kind: "pull_request.review" }>;
export type PushAnalysisMessage = Extract<ReviewMessage, { kind: "push.analysis" }>;

/** REVIEW_DELAY_SECONDS when wrangler.toml leaves it out or sets something that is not 0..60 whole seconds. */
export const DEFAULT_REVIEW_DELAY_SECONDS = 10;

/**
 * How long REVIEW_Q holds a request before a job takes it. A burst of pushes (a rebase, fixups) then lands before
 * the review starts, and all of it is reviewed once, at the newest head.
 */
export function reviewDelaySeconds(env: Pick<Env, "REVIEW_DELAY_SECONDS">): number {
  const raw = Number(env.REVIEW_DELAY_SECONDS ?? "");
  return env.REVIEW_DELAY_SECONDS?.trim() && Number.isInteger(raw) && raw >= 0 && raw <= 60 ? raw : DEFAULT_REVIEW_DELAY_SECONDS;
}

/** Sends a review request; the queue delays it by REVIEW_DELAY_SECONDS. */
export function sendReviewMessage(env: Env, message: ReviewMessage): Promise<void> {
  return env.REVIEW_Q.send(message, { contentType: "json", delaySeconds: reviewDelaySeconds(env) }).then(() => undefined);
}
