import type { ChangedFile } from "../analysis/changed-file";
import type { AnalysisResult, SkippedFile } from "../analysis/analysis-types";
import { atLeast, type Finding, type Severity } from "../analysis/finding";
import type { ConfigProblem } from "../config/config-problem";
import type { ReviewConfig } from "../config/repository-config";
import { compareFindings } from "./compare-findings";
import { riskScore, type RiskScore } from "./risk-score";
import { summarizeChange, type ChangeSummary } from "./summarize-change";

/** Everything the sticky comment and the check run show, assembled from one analysis. */
export interface Review {
  summary: ChangeSummary;
  risk: RiskScore;
  /** Current findings at or above the configured minimum severity, most severe first. */
  findings: Finding[];
  /** Findings of the previous review that are gone now. */
  resolved: Finding[];
  /** Fingerprints new since the previous review (all of them on a first review). */
  newFingerprints: Set<string>;
  skipped: SkippedFile[];
  configProblems: ConfigProblem[];
  /** New-file added lines per path: annotations may only point at these. */
  addedLines: Map<string, Set<number>>;
  maxFindings: number;
  minSeverity: Severity;
  /** Optional paragraph written by a model; rendered only when present and marked as generated. */
  aiSummary?: string;
}

export interface ReviewInput {
  files: ChangedFile[];
  analysis: AnalysisResult;
  review: ReviewConfig;
  configProblems?: ConfigProblem[];
  /** Findings of the last review of this pull request, for incremental reviews. */
  previous?: Finding[];
  aiSummary?: string;
}

/** Builds the Review the renderers take: summary, risk, filtered findings, what was resolved since last time. */
export function assembleReview(input: ReviewInput): Review {
  const shown = input.analysis.findings.filter((finding) => atLeast(finding.severity, input.review.min_severity));
  const comparison = compareFindings(input.previous ?? [], shown);
  return {
    summary: summarizeChange(input.files),
    risk: riskScore(input.files, input.analysis.findings),
    findings: shown,
    resolved: comparison.resolved,
    newFingerprints: new Set(comparison.new.map((finding) => finding.fingerprint)),
    skipped: input.analysis.skipped,
    configProblems: input.configProblems ?? [],
    addedLines: input.analysis.addedLines,
    maxFindings: input.review.max_findings,
    minSeverity: input.review.min_severity,
    aiSummary: input.review.ai_summary ? input.aiSummary : undefined,
  };
}
