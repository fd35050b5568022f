import { SEVERITIES, type Finding } from "../analysis/finding";
import { describeProblem } from "../config/config-problem";
import { codeSpan, details, plain, severityBadge, where } from "./markdown";
import type { Review } from "./review";
import { REVIEW_COMMENT_MARKER } from "./review-marker";

function headline(review: Review): string {
  const { summary, risk, findings } = review;
  const counts = SEVERITIES.slice()
    .reverse()
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  const found = findings.length === 0 ? "no findings" : `${findings.length} finding(s) (${counts.join(", ")})`;
  return `**Risk ${risk.score}/100 (${risk.level})** · ${summary.files} file(s) · +${summary.additions} −${summary.deletions} · ${found}`;
}

function changeTable(review: Review): string {
  const rows = review.summary.groups.map((group) => `| ${plain(group.name)} | ${group.files} | +${group.additions} | −${group.deletions} |`);
  return ["| Area | Files | Added | Removed |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}

function findingItem(finding: Finding, isNew: boolean): string {
  const fresh = isNew ? " *(new)*" : "";
  return `- ${severityBadge(finding.severity)} ${codeSpan(finding.ruleId)} at ${where(finding.path, finding.line)}${fresh}: ${plain(finding.message)}\n  ${codeSpan(finding.evidence)}`;
}

function suggestions(findings: Finding[]): string {
  const byRule = new Map<string, string>();
  for (const finding of findings) if (!byRule.has(finding.ruleId)) byRule.set(finding.ruleId, finding.suggestion);
  return [...byRule].map(([ruleId, suggestion]) => `- ${codeSpan(ruleId)}: ${plain(suggestion)}`).join("\n");
}

/**
 * The one sticky pull-request comment, starting with the hidden marker: summary, risk, findings (capped,
 * with how many more), suggestions, resolved findings, what was skipped and why, config problems, and the
 * AI paragraph only when one was given. Long parts fold into <details>.
 */
export function renderReviewComment(review: Review): string {
  const parts = [REVIEW_COMMENT_MARKER, "## ChittyConnect review", headline(review)];
  parts.push(details("Change summary", changeTable(review)));
  if (review.risk.reasons.length > 0) {
    parts.push(details("Why this risk score", review.risk.reasons.map((r) => `- +${r.points}: ${plain(r.reason)}`).join("\n")));
  }
  if (review.aiSummary) {
    parts.push(`> **AI-generated summary** (written by a model; check it against the diff):\n> ${plain(review.aiSummary)}`);
  }
  if (review.findings.length > 0) {
    const shown = review.findings.slice(0, review.maxFindings);
    const more = review.findings.length - shown.length;
    const list = shown.map((finding) => findingItem(finding, review.newFingerprints.has(finding.fingerprint)));
    if (more > 0) list.push(`- …and ${more} more finding(s), listed in the check run.`);
    parts.push(`### Findings\n\n${list.join("\n")}`);
    parts.push(details("Suggestions", suggestions(shown)));
  } else {
    parts.push(`No findings at or above \`${review.minSeverity}\`.`);
  }
  if (review.resolved.length > 0) {
    const resolved = review.resolved.map((finding) => `- ~~${codeSpan(finding.ruleId)} at ${where(finding.path, finding.line)}: ${plain(finding.message)}~~`);
    parts.push(`### Resolved since the last review\n\n${resolved.join("\n")}`);
  }
  if (review.skipped.length > 0) {
    const skipped = review.skipped.map((file) => `- ${codeSpan(file.path)}: ${plain(file.detail)}`);
    parts.push(details(`Skipped ${review.skipped.length} file(s)`, skipped.join("\n")));
  }
  if (review.configProblems.length > 0) {
    const problems = review.configProblems.map((problem) => `- ${plain(describeProblem(problem))}`);
    parts.push(`### Problems in \`.github/chittyconnect.yml\`\n\nDefaults were used for these settings:\n\n${problems.join("\n")}`);
  }
  return parts.join("\n\n");
}
