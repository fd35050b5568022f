import type { AnalysisOptions } from "../analysis/analysis-types";
import { createPathMatcher } from "./path-matcher";
import { DEFAULT_IGNORES, type ReviewConfig } from "./repository-config";
import { createRuleSwitch } from "./rule-switch";

/** The analysis settings a repository's `review` section asks for. */
export function analysisOptionsFromConfig(review: ReviewConfig): AnalysisOptions {
  const matcher = createPathMatcher([...(review.use_default_ignores ? DEFAULT_IGNORES : []), ...review.ignore]);
  return {
    isIgnored: (path) => {
      const glob = matcher(path);
      return glob ? `matches ignore pattern \`${glob}\`` : null;
    },
    isRuleEnabled: createRuleSwitch(review.rules),
    complexityThreshold: review.complexity_threshold,
    maxFunctionLines: review.max_function_lines,
    maxNestingDepth: review.max_nesting,
    largeFileLines: review.large_file_lines,
  };
}
