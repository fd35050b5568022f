import { listPullRequestFiles, PULL_REQUEST_FILES_CAP } from "../../github/list-pull-request-files";
import type { RepositoryRef } from "../../github/repository-ref";
import { analyzeChanges } from "../analysis/analyze";
import type { AnalysisStats } from "../analysis/analysis-types";
import { analysisOptionsFromConfig } from "../config/analysis-options";
import type { ConfigProblem } from "../config/config-problem";
import type { RepositoryConfig } from "../config/repository-config";
import { analyzeIncrementally } from "../review/incremental-analysis";
import { assembleReview, type Review } from "../review/review";
import { reviewSkipReasons } from "../review/review-decision";
import { aiSummary } from "./ai-summary";
import type { CurrentPullRequest } from "./current-pull-request";
import type { ReviewSkip } from "./outcome-types";
import { repositoryConfigAt } from "../config/repository-config-at";
import { reviewScope, type LastReview, type ReviewScope } from "./review-scope";

export type PullRequestReviewResult =
  | { kind: "skipped"; skips: ReviewSkip[]; configProblems: ConfigProblem[] }
  | {
      kind: "reviewed";
      review: Review;
      config: RepositoryConfig;
      scope: ReviewScope;
      stats: AnalysisStats;
      /** What the review could not cover (files past GitHub's cap, a failed AI paragraph), recorded with it. */
      notes: ReviewSkip[];
    };

/**
 * Reviews a pull request at `pr.headSha` without writing anything: reads `.github/chittyconnect.yml` there
 * (invalid: defaults, and the problems go into the review), the files through the pull request files API, decides
 * whether to skip (review off, draft, bot author, title pattern, every file ignored), and analyses the files:
 * all of them, or only those changed since `last` when that head is still an ancestor. `ai` adds the optional
 * generated paragraph when the repository asks for it (`review.ai_summary`).
 */
export async function reviewPullRequest(
  env: Env,
  ref: RepositoryRef,
  pr: CurrentPullRequest & { number: number },
  last: LastReview | null,
  ai: Ai | undefined,
): Promise<PullRequestReviewResult> {
  const { config, problems } = await repositoryConfigAt(env, ref, pr.headSha);
  const { files, truncated } = await listPullRequestFiles(env, { ...ref, number: pr.number });
  const options = analysisOptionsFromConfig(config.review);
  const skips = reviewSkipReasons(pr, files, config.review, options.isIgnored!);
  if (skips.length > 0) return { kind: "skipped", skips: skips.map((s) => ({ path: null, reason: s.reason })), configProblems: problems };

  const scope = await reviewScope(env, ref, last, pr.headSha);
  const analysis = scope.mode === "incremental" ? analyzeIncrementally(files, scope.changed, last?.findings ?? [], options) : analyzeChanges(files, options);
  const notes: ReviewSkip[] = truncated ? [{ path: null, reason: `GitHub lists at most ${PULL_REQUEST_FILES_CAP} files of a pull request; files past them were not reviewed` }] : [];
  let generated: string | undefined;
  if (config.review.ai_summary) {
    const draft = assembleReview({ files, analysis, review: config.review });
    const answer = await aiSummary(ai, { title: pr.title, summary: draft.summary, risk: draft.risk, findings: draft.findings });
    generated = answer.text ?? undefined;
    if (answer.problem) notes.push({ path: null, reason: `no AI paragraph: ${answer.problem}` });
  }
  const review = assembleReview({ files, analysis, review: config.review, configProblems: problems, previous: last?.findings ?? [], ...(generated ? { aiSummary: generated } : {}) });
  return { kind: "reviewed", review, config, scope, stats: analysis.stats, notes };
}
