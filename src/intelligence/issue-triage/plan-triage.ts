import type { TriageConfig } from "../config/repository-config";
import { priorityOfLabel } from "../triage/priority-labels";
import { renderTriageComment } from "../triage/triage-comment";
import type { RecentAuthor, RecentIssue, RepositoryLabel } from "../triage/triage-input";
import { triageIssue } from "../triage/triage-issue";
import type { StoredTriage, TriageReason } from "./stored-triage";

/** Everything triage looks at for one issue, as read from GitHub and D1 when the job ran. */
export interface TriageFacts {
  issue: { number: number; title: string; body: string; author: string | null; labels: string[]; reactions: number };
  repositoryLabels: RepositoryLabel[];
  recentIssues: RecentIssue[];
  codeowners: string | null;
  recentAuthors: RecentAuthor[];
  /** Labels someone other than the App removed, from the issue's label events. */
  removedByOthers: string[];
  /** Every label the App added to the issue before (D1). */
  appliedBefore: string[];
}

export interface TriagePlan {
  stored: Omit<StoredTriage, "configProblems">;
  /** Labels to add now: decided, existing in the repository, not on the issue, never removed by a person. */
  labelsToAdd: string[];
  /** The sticky comment's body, or null when the comment is switched off. */
  comment: string | null;
}

const lower = (labels: readonly string[]) => new Set(labels.map((l) => l.toLowerCase()));
// The engine accepts at most 100 removed labels; GitHub allows 100 labels on an issue anyway.
const MAX_REMOVED = 100;

/**
 * Decides what triage applies, suggests and says, without I/O. A label the App added that the issue no longer
 * carries was removed by a person (the App never removes one), as is any label the events show a person removed;
 * neither is applied again. Labels the App added earlier count as the App's, so a re-triage still lists them as
 * applied instead of treating them as a maintainer's choice. A priority label is added only to an issue that has
 * none, so triage never leaves two.
 */
export function planTriage(facts: TriageFacts, settings: TriageConfig, reason: TriageReason): TriagePlan {
  const current = lower(facts.issue.labels);
  const appliedBefore = lower(facts.appliedBefore);
  const removedByHuman = [...new Map([...facts.removedByOthers, ...facts.appliedBefore.filter((l) => !current.has(l.toLowerCase()))].map((l) => [l.toLowerCase(), l])).values()];
  const removed = lower(removedByHuman);
  const humanLabels = facts.issue.labels.filter((l) => !appliedBefore.has(l.toLowerCase()));
  const result = triageIssue(
    {
      issue: { number: facts.issue.number, title: facts.issue.title, body: facts.issue.body, author: facts.issue.author, reactions: facts.issue.reactions, labels: humanLabels },
      repositoryLabels: facts.repositoryLabels,
      removedByHuman: removedByHuman.slice(0, MAX_REMOVED),
      recentIssues: facts.recentIssues,
      codeowners: facts.codeowners,
      recentAuthors: facts.recentAuthors,
    },
    {
      labels: settings.labels,
      priority: settings.priority,
      related: settings.related,
      assignees: settings.assignees,
      comment: false,
      labelMap: settings.label_map,
      minConfidence: settings.min_confidence,
    },
  );
  const typeLabels = (result.labels?.applied ?? []).map((d) => d.label);
  const priorityLabel = result.priority?.label ?? null;
  const hasPriority = facts.issue.labels.some((l) => priorityOfLabel(l) !== null);
  const ownPriority = priorityLabel !== null && current.has(priorityLabel.toLowerCase()) && appliedBefore.has(priorityLabel.toLowerCase());
  const addPriority = priorityLabel !== null && !hasPriority && !removed.has(priorityLabel.toLowerCase());
  const labelsToAdd = [...new Set([...typeLabels, ...(addPriority ? [priorityLabel] : [])])].filter((l) => !current.has(l.toLowerCase()) && !removed.has(l.toLowerCase()));
  const priority = result.priority === null ? null : { level: result.priority.level, reasons: result.priority.reasons, label: priorityLabel, applied: addPriority || ownPriority };
  const stored = { reason, labels: result.labels, priority, related: result.related, assignees: result.assignees, added: labelsToAdd, removedByHuman };
  // The comment names a priority label only when the issue carries it because of triage.
  const shown = priority === null ? null : { level: priority.level, reasons: priority.reasons, label: priority.applied ? priorityLabel : null };
  return { stored, labelsToAdd, comment: settings.comment ? renderTriageComment({ ...result, priority: shown }) : null };
}
