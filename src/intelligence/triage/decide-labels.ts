import type { TypeScore } from "./classify-issue";
import type { IssueType } from "./issue-type";

/** One type put to the repository under the label it uses for that type. */
export interface LabelDecision {
  type: IssueType;
  label: string;
  confidence: number;
  evidence: string[];
}

export interface LabelDecisions {
  /** Labels to add: above the confidence threshold, present in the repository, not removed by a human. */
  applied: LabelDecision[];
  /** Types with real evidence that did not clear the threshold; shown to maintainers, never applied. */
  suggested: LabelDecision[];
}

export interface DecideLabelsOptions {
  typeLabels: ReadonlyMap<IssueType, string>;
  minConfidence: number;
  removedByHuman: readonly string[];
  /** Labels the issue already carries: not applied again, and never removed. */
  current: readonly string[];
}

/** Below this a type's evidence is too thin to even mention. */
export const SUGGESTION_FLOOR = 0.3;
/** Maintainers want few labels: at most this many applied, and as many suggested. */
const MAX_APPLIED = 2;
const MAX_SUGGESTED = 2;
/** A runner-up within this share of the leading type is a close call, so maintainers see both. */
export const CLOSE_CALL = 0.9;
/**
 * Maintainers file many vulnerability and slowness reports as plain bugs (docs/intelligence.md, "Issue
 * triage"), so a security or performance call brings its bug evidence along as a suggestion.
 */
const COMPANIONS: Partial<Record<IssueType, IssueType>> = { security: "bug", performance: "bug" };

/**
 * Splits scored types into applied and suggested labels, precision first: a type is applied only above
 * `minConfidence`; below it, the leading type is suggested, and so is a close runner-up or a bug companion.
 */
export function decideLabels(scores: readonly TypeScore[], options: DecideLabelsOptions): LabelDecisions {
  const blocked = new Set([...options.removedByHuman, ...options.current].map((l) => l.toLowerCase()));
  const ranked = [...scores].filter((s) => s.confidence >= SUGGESTION_FLOOR).sort((a, b) => b.confidence - a.confidence);
  const lead = ranked[0]?.confidence ?? 0;
  const worthShowing = (s: TypeScore, index: number) =>
    index === 0 || s.confidence >= CLOSE_CALL * lead || ranked.slice(0, index).some((r) => COMPANIONS[r.type] === s.type);
  const applied: LabelDecision[] = [];
  const suggested: LabelDecision[] = [];
  ranked.forEach((score, index) => {
    const label = options.typeLabels.get(score.type);
    if (label === undefined || blocked.has(label.toLowerCase())) return;
    const decision = { type: score.type, label, confidence: score.confidence, evidence: score.evidence };
    if (score.confidence >= options.minConfidence && applied.length < MAX_APPLIED) applied.push(decision);
    else if (suggested.length < MAX_SUGGESTED && worthShowing(score, index)) suggested.push(decision);
  });
  return { applied, suggested };
}
