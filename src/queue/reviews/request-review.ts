import { createDatabase } from "../../db/client";
import { pullRequests, repositoryKeyOf } from "../../db/schema";
import type { BatchItem } from "../../db/batch";
import { NotFoundError } from "../../errors";
import { currentPullRequest } from "../../intelligence/pull-request-review/current-pull-request";
import type { DeliveryContext } from "../handlers/handler";
import { pullRequestKey, requestReviewStatement } from "./review-claim";
import { sendReviewMessage } from "./review-message";

/** A pull request an event asked to review, as its payload names it. */
export interface ReviewRequest {
  repository: string;
  number: number;
  nodeId: string;
  installationId: number;
  headSha: string;
}

/**
 * The write that records a review request in the handler's batch, and the REVIEW_Q message sent once it
 * committed: the job reads the request from D1, so the message must not arrive before it is there. Many
 * requests for one pull request coalesce in its row; the job ignores messages with nothing waiting.
 */
export function requestReview(ctx: DeliveryContext, request: ReviewRequest): BatchItem[] {
  ctx.afterCommit({
    name: "review.request",
    run: () => sendReviewMessage(ctx.env, { kind: "pull_request.review", deliveryId: ctx.deliveryId, repository: request.repository, number: request.number }),
  });
  return [requestReviewStatement(ctx.db, { ...request, key: repositoryKeyOf(request.repository) }, ctx.now)];
}

/**
 * Asks for a full review of a pull request's current head, as `/chittyconnect review` does: it runs even when
 * that head was reviewed already (the comment is updated in place, the head's check run is kept), coalesced
 * with any review already waiting. Reads the pull request from GitHub as the installation; throws NotFoundError
 * when GitHub does not have it, and GitHub's errors (retryable or not) as they come.
 */
export async function requestFullReview(
  env: Env,
  target: { installationId: number; repository: string; number: number; deliveryId?: string },
): Promise<{ headSha: string }> {
  const [owner, name] = target.repository.split("/") as [string, string];
  const deliveryId = target.deliveryId ?? crypto.randomUUID();
  const pr = await currentPullRequest(env, { installationId: target.installationId, deliveryId, owner, name, number: target.number });
  if (!pr) throw new NotFoundError("Pull request", `${target.repository}#${target.number}`);
  const db = createDatabase(env.DB);
  const now = Date.now();
  const request = { repository: target.repository, key: repositoryKeyOf(target.repository), number: target.number, nodeId: pr.nodeId, installationId: target.installationId, headSha: pr.headSha };
  await db.batch([requestReviewStatement(db, request, now), db.update(pullRequests).set({ fullReviewRequested: true }).where(pullRequestKey(request.key, request.number))]);
  await sendReviewMessage(env, { kind: "pull_request.review", deliveryId, repository: target.repository, number: target.number });
  return { headSha: pr.headSha };
}
