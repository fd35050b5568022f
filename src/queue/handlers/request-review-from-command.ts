import type { BatchItem } from "../../db/batch";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../../ecosystem/record-change";
import type { DeliveryContext } from "./handler";

/** A full review that `/chittyconnect review` asked for, by someone with write access, on a pull request. */
export interface CommandReviewRequest {
  /** `owner/name` and the pull request's number: what REVIEW_Q's `pull_request.review` message carries. */
  repository: string;
  number: number;
  /** The pull request's ChittyID. */
  subjectId: string;
  requestedBy: string;
  commentId: number;
}

/**
 * Records a review requested by command, for the delivery's batch: a `github.pull_request.review_requested`
 * Chronicle event on the pull request. The review itself is requested by the command's TRIAGE_Q job (runCommand),
 * once it has read the repository's settings, since commands can be switched off there.
 */
export function requestReviewFromCommand(ctx: DeliveryContext, request: CommandReviewRequest): BatchItem[] {
  return [
    ...recordEvent(ctx.db, {
      type: "github.pull_request.review_requested",
      subjectId: request.subjectId,
      actorId: null,
      now: ctx.now,
      data: {
        deliveryId: ctx.deliveryId,
        repository: request.repository,
        number: request.number,
        requestedBy: request.requestedBy,
        commentId: request.commentId,
        via: "command",
      },
    }, outboxTargets(ctx.env)),
  ];
}
