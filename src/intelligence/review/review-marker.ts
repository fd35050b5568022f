/** The hidden first line of the one sticky review comment; the handler finds and edits it by this. */
export const REVIEW_COMMENT_MARKER = "<!-- chittyconnect:review -->";

/** True for a comment body this app wrote as its review comment. */
export function isReviewComment(body: string | null | undefined): boolean {
  return typeof body === "string" && body.trimStart().startsWith(REVIEW_COMMENT_MARKER);
}
