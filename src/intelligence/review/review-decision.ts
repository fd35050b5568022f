import type { ChangedFile } from "../analysis/changed-file";
import type { ReviewConfig } from "../config/repository-config";

export interface ReviewSkip {
  reason: string;
}

/** What the pull request event says about the PR, as much as a skip decision needs. */
export interface PullRequestFacts {
  draft: boolean;
  author: string | null;
  title: string;
}

/** `*[bot]`-style author patterns: `*` is the only wildcard, brackets are literal (bot logins end in `[bot]`). */
function authorMatches(pattern: string, author: string): boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`, "i").test(author);
}

/** Title patterns: one starting with `^` or written `/.../` is a regular expression, anything else a phrase. */
function titleMatches(pattern: string, title: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  try {
    if (regex) return new RegExp(regex[1]!, regex[2]!.includes("i") ? regex[2] : `${regex[2]}i`).test(title);
    if (pattern.startsWith("^")) return new RegExp(pattern, "i").test(title);
  } catch {
    return false;
  }
  return title.toLowerCase().includes(pattern.toLowerCase());
}

/**
 * Why a pull request should not be reviewed: review off, draft, a bot author, a skip phrase in the title,
 * or every changed file ignored. An empty list means review it.
 */
export function reviewSkipReasons(
  pullRequest: PullRequestFacts,
  files: ChangedFile[],
  review: ReviewConfig,
  isIgnored: (path: string) => string | null,
): ReviewSkip[] {
  const reasons: ReviewSkip[] = [];
  if (!review.enabled) reasons.push({ reason: "review is turned off in .github/chittyconnect.yml (review.enabled: false)" });
  if (pullRequest.draft) reasons.push({ reason: "the pull request is a draft" });
  const author = pullRequest.author;
  const authorPattern = author ? review.skip_authors.find((pattern) => authorMatches(pattern, author)) : undefined;
  if (author && authorPattern) reasons.push({ reason: `author ${author} matches skip_authors \`${authorPattern}\`` });
  const titlePattern = review.skip_titles.find((pattern) => titleMatches(pattern, pullRequest.title));
  if (titlePattern) reasons.push({ reason: `title matches skip_titles \`${titlePattern}\`` });
  if (files.length > 0 && files.every((file) => isIgnored(file.filename))) {
    reasons.push({ reason: `all ${files.length} changed file(s) match ignore patterns` });
  }
  return reasons;
}

export interface ReviewDecision {
  review: boolean;
  skips: ReviewSkip[];
}

/** Review or not, with every reason not to: the handler posts the reasons instead of a review when skipping. */
export function reviewDecision(
  pullRequest: PullRequestFacts,
  files: ChangedFile[],
  review: ReviewConfig,
  isIgnored: (path: string) => string | null,
): ReviewDecision {
  const skips = reviewSkipReasons(pullRequest, files, review, isIgnored);
  return { review: skips.length === 0, skips };
}
