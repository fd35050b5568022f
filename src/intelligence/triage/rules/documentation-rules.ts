import { type EvidenceRule, markerRule, proseRule, sectionRule, subjectRule, titleRule } from "./rule";

/** Sections of documentation templates, including the one docs sites generate ("Document Details"). */
export const DOCUMENTATION_SECTIONS = [
  "page to update", "document details", "how can we make our docs better", "documentation", "docs",
  "location of the documentation", "which page",
] as const;

export const DOCUMENTATION_RULES: readonly EvidenceRule[] = [
  markerRule("documentation", 0.8, /^\s*(?:\[?docs?\]?:|\[docs?\]|doc:|docs\(|\[documentation\]|documentation:)/i, "docs marker"),
  titleRule("documentation", 0.7, /\b(?:documentation|docs|readme|docstring|typo|tutorial|user guide|api reference|broken link|changelog)\b/i, "docs wording"),
  subjectRule("documentation", 0.6, /^\s*(?:document(?:ing)?\b|(?:add|write|create|improve|update|fix) (?:the |a |an |more |some )?(?:[\w-]+ ){0,2}(?:docs|documentation|docstrings?|readme|guide|tutorial|examples?)\b)/i, "documentation asked for"),
  sectionRule("documentation", 0.5, DOCUMENTATION_SECTIONS, true),
  proseRule("documentation", 0.25, /\b(?:the (?:docs|documentation|readme)|documentation (?:is|says|for|page|should)|docs (?:say|page|site)|readme\.md|in the (?:docs|readme|guide)|typo|docstring|not documented|undocumented|the example (?:in|on) the)\b/i, "docs wording"),
];
