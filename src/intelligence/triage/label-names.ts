import { ISSUE_TYPES, type IssueType } from "./issue-type";
import type { RepositoryLabel } from "./triage-input";

/** Names repositories give each type once the scheme prefix (`type:`, `kind/`, `C-`, emoji…) is stripped; best first. */
const NAMES: Record<IssueType, readonly string[]> = {
  bug: ["bug", "bugs", "defect", "bug report", "type bug"],
  feature: ["enhancement", "feature", "feature request", "new feature", "feat", "improvement", "enhancements", "features"],
  documentation: ["documentation", "docs", "doc"],
  question: ["question", "questions", "support", "usage question", "help question", "q a"],
  security: ["security", "vulnerability", "security issue"],
  performance: ["performance", "perf", "speed", "performance speed"],
};

/** GitHub's default label descriptions, for repositories that renamed the label but kept its description. */
const DEFAULT_DESCRIPTIONS: Partial<Record<IssueType, string>> = {
  bug: "something isn't working",
  feature: "new feature or request",
  documentation: "improvements or additions to documentation",
  question: "further information is requested",
};

const SCHEME_PREFIX = /^(?:type|kind|t|c|k|category|cat|issue|is|tipo|area)\s+/;

/** A label name reduced to its words: lower case, emoji and punctuation dropped, scheme prefix removed. */
export function labelWords(name: string): string {
  const words = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return words.replace(SCHEME_PREFIX, "");
}

/**
 * The repository label to use for each type: `labelMap` first (only if the repository has that label),
 * then the best-ranked name match, then GitHub's default descriptions. Types with no label are left out:
 * the engine never invents a label.
 */
export function resolveTypeLabels(labels: readonly RepositoryLabel[], labelMap: Partial<Record<IssueType, string>>): Map<IssueType, string> {
  const byLower = new Map(labels.map((l) => [l.name.toLowerCase(), l.name]));
  const resolved = new Map<IssueType, string>();
  for (const type of ISSUE_TYPES) {
    const mapped = labelMap[type];
    if (mapped !== undefined) {
      const name = byLower.get(mapped.toLowerCase());
      if (name !== undefined) resolved.set(type, name);
      continue;
    }
    const name = bestNameMatch(type, labels) ?? labels.find((l) => descriptionMatches(type, l.description))?.name;
    if (name !== undefined) resolved.set(type, name);
  }
  return resolved;
}

function bestNameMatch(type: IssueType, labels: readonly RepositoryLabel[]): string | undefined {
  let best: { rank: number; name: string } | undefined;
  for (const label of labels) {
    const rank = NAMES[type].indexOf(labelWords(label.name));
    if (rank < 0) continue;
    if (best === undefined || rank < best.rank || (rank === best.rank && label.name.length < best.name.length)) best = { rank, name: label.name };
  }
  return best?.name;
}

function descriptionMatches(type: IssueType, description: string | null | undefined): boolean {
  const expected = DEFAULT_DESCRIPTIONS[type];
  return expected !== undefined && description?.trim().toLowerCase() === expected;
}
