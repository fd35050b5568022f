import { toIssueDocument } from "./issue-document";
import { ISSUE_TYPES, type IssueType } from "./issue-type";
import { BUG_RULES } from "./rules/bug-rules";
import { DOCUMENTATION_RULES } from "./rules/documentation-rules";
import { FEATURE_RULES } from "./rules/feature-rules";
import { PERFORMANCE_RULES } from "./rules/performance-rules";
import { QUESTION_RULES } from "./rules/question-rules";
import type { EvidenceRule } from "./rules/rule";
import { SECURITY_RULES } from "./rules/security-rules";

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
 * text reads equally like a feature request and a bug report is not a confident call for either.
 */
export function classifyIssue(title: string, body: string | null | undefined): TypeScore[] {
  const doc = toIssueDocument(title, body);
  const found = new Map<IssueType, { weight: number; text: string }[]>(ISSUE_TYPES.map((t) => [t, []]));
  for (const rule of RULES) {
    const text = rule.find(doc);
    if (text !== null) found.get(rule.type)?.push({ weight: rule.weight, text });
  }
  const raw = new Map<IssueType, number>();
  for (const [type, hits] of found) raw.set(type, 1 - hits.reduce((miss, h) => miss * (1 - h.weight), 1));
  return ISSUE_TYPES.map((type) => {
    const own = raw.get(type) ?? 0;
    const rival = Math.max(0, ...ISSUE_TYPES.filter((t) => t !== type && !COMPATIBLE[type].includes(t)).map((t) => raw.get(t) ?? 0));
    const confidence = own * (1 - RIVALRY * Math.max(0, rival - own + MARGIN));
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
const MARGIN = 0.15;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
