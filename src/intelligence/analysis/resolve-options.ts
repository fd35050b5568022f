import type { AnalysisOptions } from "./analysis-types";

export type ResolvedOptions = Required<AnalysisOptions>;

export const DEFAULT_ANALYSIS_OPTIONS: Omit<ResolvedOptions, "isIgnored" | "isRuleEnabled" | "analyze"> = {
  complexityThreshold: 10,
  maxFunctionLines: 80,
  maxNestingDepth: 4,
  largeFileLines: 800,
};

/** Options with every default filled in, so rules never test for undefined. */
export function resolveOptions(options: AnalysisOptions): ResolvedOptions {
  return {
    ...DEFAULT_ANALYSIS_OPTIONS,
    isIgnored: () => null,
    isRuleEnabled: () => true,
    analyze: () => true,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  };
}
