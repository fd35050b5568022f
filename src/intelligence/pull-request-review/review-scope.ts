import { AppError } from "../../errors";
import { compareCommits } from "../../github/compare-commits";
import type { RepositoryRef } from "../../github/repository-ref";
import type { Finding } from "../analysis/finding";

/** What the last finished review of a pull request left: its head, its open findings, and whether all were stored. */
export interface LastReview {
  headSha: string;
  findings: Finding[];
  findingsComplete: boolean;
}

/** A full review, or an incremental one of the files changed since `baseSha`; `reason` says why it is full. */
export type ReviewScope = { mode: "full"; reason: string } | { mode: "incremental"; baseSha: string; changed: Set<string> };

/**
 * Incremental when the last reviewed head is still an ancestor of the new one: the compare API then lists the
 * files changed since. After a force push (the old head is gone or rewritten away), a comparison cut at GitHub's
 * 300 files, or a last review whose findings were not all stored, the review is full.
 * @see https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
export async function reviewScope(env: Env, ref: RepositoryRef, last: LastReview | null, headSha: string): Promise<ReviewScope> {
  if (!last) return { mode: "full", reason: "first review of this pull request" };
  if (!last.findingsComplete) return { mode: "full", reason: "the last review found more than could be stored" };
  let comparison;
  try {
    comparison = await compareCommits(env, ref, last.headSha, headSha);
  } catch (error) {
    if (error instanceof AppError && error.code === "GITHUB_NOT_FOUND") return { mode: "full", reason: `the last reviewed commit ${last.headSha.slice(0, 7)} is gone (force push)` };
    throw error;
  }
  if (!comparison.baseIsAncestor) return { mode: "full", reason: `the last reviewed commit ${last.headSha.slice(0, 7)} is no longer an ancestor (force push)` };
  if (comparison.truncated) return { mode: "full", reason: "more files changed since the last review than GitHub compares" };
  return { mode: "incremental", baseSha: last.headSha, changed: new Set(comparison.files.map((file) => file.filename)) };
}
