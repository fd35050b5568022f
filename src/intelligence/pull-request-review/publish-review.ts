import { AppError } from "../../errors";
import type { RepositoryRef } from "../../github/repository-ref";
import { upsertStickyComment } from "../../github/upsert-sticky-comment";
import { GitHubWriteForbiddenError, GitHubWriteRejectedError } from "../../github/write-error";
import type { RepositoryConfig } from "../config/repository-config";
import { checkRunOutput, type CheckRunOutput } from "../review/check-run-output";
import { renderReviewComment } from "../review/render-review-comment";
import type { Review } from "../review/review";
import { REVIEW_COMMENT_MARKER } from "../review/review-marker";
import type { PublishError } from "./outcome-types";
import { publishCheckRunOnce } from "./publish-check-run-once";

/** The check run of a pull request review, one per head SHA. */
export const REVIEW_CHECK_NAME = "ChittyConnect review";
/** The check run of a push to the default branch, one per head commit. */
export const PUSH_CHECK_NAME = "ChittyConnect analysis";

export interface Publication {
  comment: { id: number; url: string } | null;
  checkRun: { id: number; url: string | null } | null;
  conclusion: CheckRunOutput["conclusion"];
  /** Writes GitHub refused (403) or rejected (422): the same request would fail the same way, so they are recorded, not retried. */
  errors: PublishError[];
}

/** A failure that sending again cannot fix, as a recorded error; undefined for anything a retry may cure. */
function refusal(step: PublishError["step"], error: unknown): PublishError | undefined {
  const final =
    error instanceof GitHubWriteForbiddenError ||
    error instanceof GitHubWriteRejectedError ||
    (error instanceof AppError && error.code === "GITHUB_WRITE_INVALID");
  return final ? { step, code: (error as AppError).code, message: (error as AppError).message.slice(0, 1000) } : undefined;
}

async function attempt<T>(step: PublishError["step"], errors: PublishError[], write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    const refused = refusal(step, error);
    if (!refused) throw error;
    errors.push(refused);
    return null;
  }
}

/**
 * Publishes a review: the one sticky comment (when `number` is given: pushes get none), created or edited in
 * place, and one check run on `headSha` with every annotation on an added line, in requests of at most 50,
 * concluded from `review.fail_on`. A 403 (a fork's pull request, a missing permission) or a 422 on either write
 * is recorded in `errors` and the other write still happens; rate limits and outages throw, for the queue to retry.
 */
export async function publishReview(
  env: Env,
  ref: RepositoryRef,
  target: { number: number | null; headSha: string; checkName: string },
  review: Review,
  config: RepositoryConfig,
): Promise<Publication> {
  const errors: PublishError[] = [];
  const output = checkRunOutput(review, config);
  const number = target.number;
  const comment =
    number === null
      ? null
      : await attempt("comment", errors, async () => {
          const written = await upsertStickyComment(env, ref, number, REVIEW_COMMENT_MARKER, renderReviewComment(review));
          return { id: written.id, url: written.html_url };
        });
  const checkRun = await attempt("check_run", errors, async () => {
    const run = await publishCheckRunOnce(env, ref, {
      name: target.checkName,
      head_sha: target.headSha,
      status: "completed",
      conclusion: output.conclusion,
      completed_at: new Date().toISOString(),
      output: { title: output.title, summary: output.summary, ...(output.text === undefined ? {} : { text: output.text }), annotations: output.annotationBatches.flat() },
    });
    return { id: run.id, url: run.html_url };
  });
  return { comment, checkRun, conclusion: output.conclusion, errors };
}
