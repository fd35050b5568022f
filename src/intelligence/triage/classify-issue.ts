import { toIssueDocument } from "./issue-document";
import { ISSUE_TYPES, type IssueType } from "./issue-type";
import { BUG_RULES } from "./rules/bug-rules";
import { DOCUMENTATION_RULES } from "./rules/documentation-rules";
import { FEATURE_RULES } from "./rules/feature-rules";
import { PERFORMANCE_RULES } from "./rules/performance-rules";
import { QUESTION_RULES } from "./rules/question-rules";
import type { EvidenceRule } from "./rules/rule";
import { SECURITY_RULES } from "./rules/security-rules";
import { DEFAULT_MIN_CONFIDENCE } from "./triage-input";

/** How strongly the text says an issue is of one type, and why. */
export interface TypeScore {
  type: IssueType;
  /** In [0, 1]; 0 when nothing in the text points at the type. */
  confidence: number;
  /** Human-readable evidence, strongest first, e.g. `stack trace (Python)`. */
  evidence: string[];
}

const RULES: readonly EvidenceRule[] = [
  ...BUG_RULES, ...FEATURE_RULES, ...DOCUMENTATION_RULES, ...QUESTION_RULES, ...SECURITY_RULES, ...PERFORMANCE_RULES,
];

/**
 * Scores all six types from the evidence in title and body, most confident first. Pieces of evidence for one
 * type combine by noisy-OR; a type is then discounted by the strongest competing type, because an issue whose
 * text reads equally like a feature request and a bug report is not a confident call for either, and discounted
 * again when the reporter named another type with a title marker or template section.
 */
export function classifyIssue(title: string, body: string | null | undefined): TypeScore[] {
  const doc = toIssueDocument(title, body);
  const bodyless = doc.prose.trim() === "" && doc.code.trim() === "";
  const found = new Map<IssueType, { weight: number; text: string }[]>(ISSUE_TYPES.map((t) => [t, []]));
  const marked = { title: new Set<IssueType>(), template: new Set<IssueType>() };
  for (const rule of RULES) {
    const text = rule.find(doc);
    if (text === null) continue;
    found.get(rule.type)?.push({ weight: rule.weight, text });
    if (rule.marker !== undefined) marked[rule.marker].add(rule.type);
  }
  const raw = new Map<IssueType, number>();
  for (const [type, hits] of found) raw.set(type, 1 - hits.reduce((miss, h) => miss * (1 - h.weight), 1));
  return ISSUE_TYPES.map((type) => {
    const own = raw.get(type) ?? 0;
    const rival = Math.max(0, ...ISSUE_TYPES.filter((t) => t !== type && !COMPATIBLE[type].includes(t)).map((t) => raw.get(t) ?? 0));
    const named = marked.title.size > 0 ? marked.title : marked.template;
    const unmarked = named.size > 0 && !named.has(type) ? UNMARKED : 1;
    const ceiling = bodyless && !marked.title.has(type) ? TITLE_ONLY_CEILING : 1;
    const confidence = Math.min(ceiling, own * unmarked * (1 - RIVALRY * Math.max(0, rival - own + MARGIN)));
    const evidence = (found.get(type) ?? []).sort((a, b) => b.weight - a.weight).map((h) => h.text);
    return { type, confidence: round(Math.max(0, Math.min(1, confidence))), evidence };
  }).sort((a, b) => b.confidence - a.confidence);
}

/** Types that often hold together (a slow query is a bug and a performance issue), so they do not discount each other. */
export const COMPATIBLE: Record<IssueType, readonly IssueType[]> = {
  bug: ["performance", "security"],
  feature: ["performance"],
  documentation: [],
  question: [],
  security: ["bug"],
  performance: ["bug", "feature"],
};
const RIVALRY = 0.6;
/** When the reporter named a type (title marker or template section), other types' evidence counts this much. */
const UNMARKED = 0.85;
/** A title alone is too little to act on unless it carries a marker: kept under the default threshold, so suggested only. */
const TITLE_ONLY_CEILING = DEFAULT_MIN_CONFIDENCE - 0.05;
const MARGIN = 0.15;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
