import { analyzeChanges } from "../analysis/analyze";
import type { AnalysisOptions, AnalysisResult } from "../analysis/analysis-types";
import type { ChangedFile } from "../analysis/changed-file";
import { bySeverityThenPlace, SEVERITIES, type Finding, type Severity } from "../analysis/finding";

/**
 * The analysis of an incremental review. The rules read only the files changed since the last reviewed head,
 * each as the pull request's whole diff shows it, so every finding stays on a line of that diff and a file's
 * findings are complete. The last review's open findings on files that did not change are carried over while
 * they still point at an added line (and their rule is on, their file not ignored). Change-level findings
 * (no tests changed) are computed again over the whole pull request.
 */
export function analyzeIncrementally(
  files: ChangedFile[],
  changedSince: ReadonlySet<string>,
  previous: Finding[],
  options: AnalysisOptions = {},
): AnalysisResult {
  const analysis = analyzeChanges(files, { ...options, analyze: (path) => changedSince.has(path) && (options.analyze?.(path) ?? true) });
  const enabled = options.isRuleEnabled ?? (() => true);
  const carried = previous.filter(
    (finding) => finding.line > 0 && !changedSince.has(finding.path) && analysis.addedLines.get(finding.path)?.has(finding.line) === true && enabled(finding.ruleId),
  );
  const findings = [...analysis.findings, ...carried].sort(bySeverityThenPlace);
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) findingsBySeverity[finding.severity]++;
  return { ...analysis, findings, stats: { ...analysis.stats, findingsBySeverity } };
}
