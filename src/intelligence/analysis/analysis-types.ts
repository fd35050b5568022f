import type { Finding, Severity } from "./finding";

/** Tunables of one run; `analysisOptionsFromConfig` builds them from `.github/chittyconnect.yml`. */
export interface AnalysisOptions {
  /** True for paths to leave out (generated, vendored, configured `ignore` globs). */
  isIgnored?: (path: string) => string | null;
  /**
   * Whether the rules read a file's hunks. Files it refuses (an incremental review's files unchanged since the
   * last review) still count for added lines, stats and the change-level rules. Default: every file.
   */
  analyze?: (path: string) => boolean;
  /** False turns a rule off; called with full rule ids such as `security/hardcoded-secret/aws-access-key`. */
  isRuleEnabled?: (ruleId: string) => boolean;
  /** Cyclomatic complexity above which a changed function is reported. Default 10. */
  complexityThreshold?: number;
  /** Added lines in one function above which it is reported as long. Default 80. */
  maxFunctionLines?: number;
  /** Block depth inside a function above which an added line is reported. Default 4. */
  maxNestingDepth?: number;
  /** Added lines in one file above which the file is reported as very large. Default 800. */
  largeFileLines?: number;
}

export type SkipReason = "ignored" | "no-patch";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** Why, in words: the glob that matched, or what GitHub's missing patch means. */
  detail: string;
}

export interface AnalysisStats {
  filesChanged: number;
  filesAnalyzed: number;
  hunks: number;
  addedLines: number;
  removedLines: number;
  findingsBySeverity: Record<Severity, number>;
}

export interface AnalysisResult {
  /** Most severe first. */
  findings: Finding[];
  skipped: SkippedFile[];
  stats: AnalysisStats;
  /** New-file lines that were added, per path: the only places annotations may point at. */
  addedLines: Map<string, Set<number>>;
}
