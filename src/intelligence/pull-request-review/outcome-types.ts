/** A write GitHub refused or rejected: the review is stored all the same, and the reason is kept. */
export interface PublishError {
  step: "comment" | "check_run";
  code: string;
  message: string;
}

/** Something a review left out, and why: the whole review (path null) or one file. */
export interface ReviewSkip {
  path: string | null;
  reason: string;
}
