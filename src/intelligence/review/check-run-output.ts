import { atLeast } from "../analysis/finding";
import { describeProblem } from "../config/config-problem";
import type { RepositoryConfig } from "../config/repository-config";
import { annotationBatches, toAnnotations, type CheckAnnotation } from "./annotations";
import { codeSpan, plain } from "./markdown";
import type { Review } from "./review";

export interface CheckRunOutput {
  conclusion: "success" | "neutral" | "failure";
  title: string;
  summary: string;
  text?: string;
  /** Each batch is one create/update request's `output.annotations`. */
  annotationBatches: CheckAnnotation[][];
}

/** GitHub caps output.summary and output.text at 65,535 characters each. */
const OUTPUT_LIMIT = 65_000;

/**
 * The check run for a review: failure when a finding reaches `review.fail_on`, neutral when there are
 * findings below it (or config problems to fix), success otherwise; annotations only on added lines.
 */
export function checkRunOutput(review: Review, config: RepositoryConfig): CheckRunOutput {
  const failOn = config.review.fail_on;
  const failing = failOn === "none" ? [] : review.findings.filter((finding) => atLeast(finding.severity, failOn));
  const conclusion = failing.length > 0 ? "failure" : review.findings.length > 0 || review.configProblems.length > 0 ? "neutral" : "success";
  const title =
    review.findings.length === 0
      ? "No findings"
      : `${review.findings.length} finding(s)${failing.length > 0 ? `, ${failing.length} at or above ${failOn}` : ""}`;
  const summary = [
    `Risk ${review.risk.score}/100 (${review.risk.level}). ${review.summary.files} file(s), +${review.summary.additions} −${review.summary.deletions}.`,
    failOn === "none" ? "This check never fails (review.fail_on: none)." : `The check fails on findings of severity ${failOn} or above.`,
    ...(review.configProblems.length > 0
      ? ["**Problems in `.github/chittyconnect.yml`** (defaults used):", ...review.configProblems.map((p) => `- ${plain(describeProblem(p))}`)]
      : []),
  ].join("\n\n");
  const textParts = [
    ...review.findings.filter((finding) => finding.line === 0).map((finding) => `- ${codeSpan(finding.ruleId)}: ${plain(finding.message)}`),
    ...review.skipped.map((file) => `- skipped ${codeSpan(file.path)}: ${plain(file.detail)}`),
    ...review.resolved.map((finding) => `- resolved ${codeSpan(finding.ruleId)} in ${codeSpan(finding.path)}`),
  ];
  return {
    conclusion,
    title,
    summary: summary.slice(0, OUTPUT_LIMIT),
    text: textParts.length > 0 ? textParts.join("\n").slice(0, OUTPUT_LIMIT) : undefined,
    annotationBatches: annotationBatches(toAnnotations(review.findings, review.addedLines)),
  };
}
