import type { ChangedFile } from "./changed-file";
import { bySeverityThenPlace, categoryOf, SEVERITIES, type Finding, type Severity } from "./finding";
import { fingerprint } from "./fingerprint";
import { detectLanguage } from "./language";
import { parsePatch } from "./parse-patch";
import { isScriptPath, pathKind } from "./path-kind";
import { sourceLines } from "./source-lines";
import type { AnalysisOptions, AnalysisResult, SkippedFile } from "./analysis-types";
import { FILE_RULES, HUNK_RULES, CHANGE_RULES, type FileFacts } from "../rules/registry";
import { resolveOptions } from "./resolve-options";
import type { RuleHit } from "../rules/rule";

export type { AnalysisOptions, AnalysisResult } from "./analysis-types";

function toFinding(hit: RuleHit, path: string): Finding {
  const finding: Finding = {
    ruleId: hit.ruleId,
    category: categoryOf(hit.ruleId),
    severity: hit.severity,
    path,
    line: hit.line,
    message: hit.message,
    evidence: hit.evidence,
    suggestion: hit.suggestion,
    fingerprint: fingerprint(hit.ruleId, path, hit.identity ?? hit.evidence),
  };
  if (hit.endLine !== undefined) finding.endLine = hit.endLine;
  return finding;
}

/**
 * The whole pure analysis of a change: every rule over the added lines of every hunk, file-level and
 * change-level rules, findings only on added lines, skipped files with the reason. No I/O.
 */
export function analyzeChanges(files: ChangedFile[], options: AnalysisOptions = {}): AnalysisResult {
  const settings = resolveOptions(options);
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const addedLines = new Map<string, Set<number>>();
  const analyzed: FileFacts[] = [];
  let hunks = 0;
  let read = 0;
  let added = 0;
  let removed = 0;
  for (const file of files) {
    const ignoredBy = settings.isIgnored(file.filename);
    if (ignoredBy) {
      skipped.push({ path: file.filename, reason: "ignored", detail: ignoredBy });
      continue;
    }
    // No patch: binary or too large. A pure rename (no changes) and a deletion have nothing to review anyway.
    const pureRename = file.status === "renamed" && file.changes === 0;
    if (file.patch === undefined && !pureRename && file.status !== "removed" && file.status !== "unchanged") {
      skipped.push({ path: file.filename, reason: "no-patch", detail: "GitHub sent no patch: binary file or diff too large" });
    }
    const patch = parsePatch(file.patch);
    const language = detectLanguage(file.filename);
    addedLines.set(file.filename, patch.addedLines);
    hunks += patch.hunks.length;
    added += patch.additions;
    removed += patch.deletions;
    const facts: FileFacts = { file, language, patch };
    const kind = pathKind(file.filename);
    const script = isScriptPath(file.filename);
    analyzed.push(facts);
    if (!settings.analyze(file.filename)) continue;
    read++;
    const keep = (hit: RuleHit) => patch.addedLines.has(hit.line) && settings.isRuleEnabled(hit.ruleId);
    for (const hunk of patch.hunks) {
      const context = { path: file.filename, language, lines: sourceLines(hunk, language), pathKind: kind, script };
      // Hits are filtered by their full rule id, so `security/*` and `security/hardcoded-secret/npm-token` both work.
      for (const rule of HUNK_RULES) {
        if (rule.languages && (!language || !rule.languages.includes(language.language))) continue;
        if (language?.kind === "template" && !rule.templates) continue;
        for (const hit of rule.check(context, settings)) if (keep(hit)) findings.push(toFinding(hit, file.filename));
      }
    }
    for (const rule of FILE_RULES) {
      if (!settings.isRuleEnabled(rule.id)) continue;
      for (const hit of rule.check(facts, settings)) if (keep(hit)) findings.push(toFinding(hit, file.filename));
    }
  }
  for (const rule of CHANGE_RULES) {
    if (!settings.isRuleEnabled(rule.id)) continue;
    for (const hit of rule.check(analyzed, settings)) findings.push(toFinding(hit, ""));
  }
  findings.sort(bySeverityThenPlace);
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) findingsBySeverity[finding.severity]++;
  return {
    findings,
    skipped,
    addedLines,
    stats: { filesChanged: files.length, filesAnalyzed: read, hunks, addedLines: added, removedLines: removed, findingsBySeverity },
  };
}
