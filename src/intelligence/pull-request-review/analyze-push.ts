import { compareCommits } from "../../github/compare-commits";
import type { RepositoryRef } from "../../github/repository-ref";
import { analyzeChanges } from "../analysis/analyze";
import type { AnalysisStats } from "../analysis/analysis-types";
import { analysisOptionsFromConfig } from "../config/analysis-options";
import type { RepositoryConfig } from "../config/repository-config";
import { assembleReview, type Review } from "../review/review";
import { repositoryConfigAt } from "../config/repository-config-at";

/** GitHub's `before` of a push that created its branch: there is no range to compare. */
const NO_COMMIT = /^0+$/;

export type PushAnalysisResult =
  | { kind: "skipped"; reason: string }
  | { kind: "analyzed"; review: Review; config: RepositoryConfig; stats: AnalysisStats; truncated: boolean };

/**
 * Analyses what a push to the default branch changed, `before...after` through the compare API, with the
 * repository's config at `after`; nothing is written. Skipped when the push created the branch or the
 * repository turned reviews off.
 * @see https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
export async function analyzePush(env: Env, ref: RepositoryRef, push: { before: string; after: string }): Promise<PushAnalysisResult> {
  if (NO_COMMIT.test(push.before)) return { kind: "skipped", reason: "the push created the branch, so there is no range to compare" };
  const { config, problems } = await repositoryConfigAt(env, ref, push.after);
  if (!config.review.enabled) return { kind: "skipped", reason: "review is turned off in .github/chittyconnect.yml (review.enabled: false)" };
  const comparison = await compareCommits(env, ref, push.before, push.after);
  const analysis = analyzeChanges(comparison.files, analysisOptionsFromConfig(config.review));
  const review = assembleReview({ files: comparison.files, analysis, review: config.review, configProblems: problems });
  return { kind: "analyzed", review, config, stats: analysis.stats, truncated: comparison.truncated };
}
