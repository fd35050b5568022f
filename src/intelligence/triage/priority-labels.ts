import { PRIORITY_LEVELS, type PriorityLevel } from "./assess-priority";
import type { RepositoryLabel } from "./triage-input";

// Checked in order: "important longterm" must win over "important".
const SEVERITY_WORDS: readonly [RegExp, PriorityLevel][] = [
  [/\b(?:critical|urgent|blocker|highest|showstopper|immediate)\b/, "P0"],
  [/\b(?:longterm|long term|medium|normal|moderate|mid)\b/, "P2"],
  [/\b(?:high|important|major|soon)\b/, "P1"],
  [/\b(?:low|lowest|minor|backlog|trivial|someday)\b/, "P3"],
];

/** The priority level a label stands for (`P0`, `priority: high`, `priority/critical-urgent`, `p1`…), or null. */
export function priorityOfLabel(name: string): PriorityLevel | null {
  const words = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const numbered = /(?:^|\s)(?:p|pri|prio|priority\s*p?)\s?([0-3])(?:\s|$)/.exec(words);
  if (numbered !== null) return PRIORITY_LEVELS[Number(numbered[1])] ?? null;
  if (!/\b(?:priority|prio|pri)\b/.test(words)) return null;
  return SEVERITY_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

/** The repository's label for a priority level, or null when it has none: the engine never invents one. */
export function findPriorityLabel(level: PriorityLevel, labels: readonly RepositoryLabel[]): string | null {
  const matching = labels.filter((l) => priorityOfLabel(l.name) === level).map((l) => l.name);
  return matching.sort((a, b) => a.length - b.length)[0] ?? null;
}
