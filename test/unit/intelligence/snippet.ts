import { analyzeChanges, type AnalysisOptions } from "../../../src/intelligence/analysis/analyze";
import type { ChangedFile } from "../../../src/intelligence/analysis/changed-file";
import type { Finding } from "../../../src/intelligence/analysis/finding";

/** A changed file whose patch adds `added` after the `context` lines, starting at line `start`. */
export function changedFile(filename: string, added: string[], context: string[] = [], start = 1): ChangedFile {
  const body = [...context.map((line) => ` ${line}`), ...added.map((line) => `+${line}`)];
  const patch = `@@ -${start},${context.length} +${start},${body.length} @@\n${body.join("\n")}`;
  return { filename, status: "modified", additions: added.length, deletions: 0, changes: added.length, patch };
}

/** Findings of `ruleId` (or rules starting with it) when `added` lines are added to `filename`. */
export function findingsFor(ruleId: string, filename: string, added: string[], context: string[] = [], options: AnalysisOptions = {}): Finding[] {
  return analyzeChanges([changedFile(filename, added, context)], options).findings.filter(
    (finding) => finding.ruleId === ruleId || finding.ruleId.startsWith(`${ruleId}/`),
  );
}

/** The added lines (1-based positions after the context) that got a finding of `ruleId`. */
export function flaggedLines(ruleId: string, filename: string, added: string[], context: string[] = []): number[] {
  return findingsFor(ruleId, filename, added, context).map((finding) => finding.line - context.length);
}
