/** Severities in increasing order; the index is the rank. */
export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ["security", "quality", "complexity"] as const;
export type Category = (typeof CATEGORIES)[number];

/** One explainable result: which rule, where, the evidence line (redacted for secrets) and a fix. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  path: string;
  /** New-file line of an added line; 0 for findings about the whole change (no line to point at). */
  line: number;
  endLine?: number;
  message: string;
  evidence: string;
  suggestion: string;
  /** Stable across pushes: rule + path + normalised evidence, never the line number. */
  fingerprint: string;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** Most severe first, then by path and line, so every list of findings reads the same way. */
export function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.path.localeCompare(b.path) ||
    a.line - b.line ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** The category is the rule id's first segment: `security/eval` is a security finding. */
export function categoryOf(ruleId: string): Category {
  if (ruleId.startsWith("security/")) return "security";
  if (ruleId.startsWith("complexity/")) return "complexity";
  return "quality";
}
