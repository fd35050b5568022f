import { InvalidInputError } from "../../errors";
import { assessPriority } from "./assess-priority";
import { classifyIssue } from "./classify-issue";
import { decideLabels } from "./decide-labels";
import { resolveTypeLabels } from "./label-names";
import { findPriorityLabel } from "./priority-labels";
import { findRelatedIssues } from "./related-issues";
import { suggestAssignees } from "./suggest-assignees";
import { renderTriageComment } from "./triage-comment";
import { type TriageInput, type TriageOptions, triageInputSchema, triageOptionsSchema } from "./triage-input";
import type { TriageResult } from "./triage-result";

export type { TriageInput, TriageOptions } from "./triage-input";
export type { TriageResult } from "./triage-result";

/**
 * Triages one issue: labels, priority, related issues, suggested assignees and the sticky comment, each
 * behind its own switch. Pure: everything it needs comes in `input`, nothing is fetched or written.
 * Throws InvalidInputError when input or options are malformed.
 */
export function triageIssue(input: TriageInput, options: TriageOptions = {}): TriageResult {
  const parsedInput = triageInputSchema.safeParse(input);
  const parsedOptions = triageOptionsSchema.safeParse(options);
  if (!parsedInput.success) throw new InvalidInputError("Triage input is malformed; check what the handler gathered from GitHub", parsedInput.error.issues);
  if (!parsedOptions.success) throw new InvalidInputError("Triage options are malformed; check the repository's triage configuration", parsedOptions.error.issues);
  const { issue, repositoryLabels, removedByHuman, recentIssues, codeowners, recentAuthors } = parsedInput.data;
  const settings = parsedOptions.data;
  const classification = classifyIssue(issue.title, issue.body);

  const labels = settings.labels
    ? decideLabels(classification, {
        typeLabels: resolveTypeLabels(repositoryLabels, settings.labelMap),
        minConfidence: settings.minConfidence,
        removedByHuman,
        current: issue.labels,
      })
    : null;
  const priority = settings.priority ? assessPriority(issue.title, issue.body, issue.reactions, classification) : null;
  const result: TriageResult = {
    classification,
    labels,
    priority: priority === null ? null : { ...priority, label: findPriorityLabel(priority.level, repositoryLabels) },
    related: settings.related ? findRelatedIssues(issue, recentIssues) : null,
    assignees: settings.assignees
      ? suggestAssignees({ text: `${issue.title}\n${issue.body ?? ""}`, author: issue.author, codeowners, recentAuthors })
      : null,
    comment: null,
  };
  return settings.comment ? { ...result, comment: renderTriageComment(result) } : result;
}
