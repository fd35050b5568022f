import type { Finding, Severity } from "../analysis/finding";

/** GitHub's check-run annotation, as `output.annotations` takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string;
  raw_details?: string;
}

/** @see https://docs.github.com/en/rest/checks/runs — at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

const LEVELS: Record<Severity, CheckAnnotation["annotation_level"]> = {
  critical: "failure", high: "failure", medium: "warning", low: "warning", info: "notice",
};

/**
 * One annotation per finding that points at an added line; anything else (a whole-change finding, a line
 * GitHub would reject) is dropped here, so no request can fail on it.
 */
export function toAnnotations(findings: Finding[], addedLines: Map<string, Set<number>>): CheckAnnotation[] {
  const annotations: CheckAnnotation[] = [];
  for (const finding of findings) {
    const lines = addedLines.get(finding.path);
    if (!lines?.has(finding.line)) continue;
    const end = finding.endLine !== undefined && finding.endLine > finding.line && lines.has(finding.endLine) ? finding.endLine : finding.line;
    annotations.push({
      path: finding.path,
      start_line: finding.line,
      end_line: end,
      annotation_level: LEVELS[finding.severity],
      message: `${finding.message}\n\nSuggestion: ${finding.suggestion}`.slice(0, 64_000),
      title: `${finding.ruleId} (${finding.severity})`,
      raw_details: finding.evidence,
    });
  }
  return annotations;
}

/** Splits annotations into request-sized batches, in order. */
export function annotationBatches<T>(annotations: T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches;
}
