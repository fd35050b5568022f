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
  /** The best type with real evidence when none cleared the threshold; shown to maintainers, never applied. */
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
const MAX_SUGGESTED = 1;

/** Splits scored types into applied and suggested labels, precision first. */
export function decideLabels(scores: readonly TypeScore[], options: DecideLabelsOptions): LabelDecisions {
  const blocked = new Set([...options.removedByHuman, ...options.current].map((l) => l.toLowerCase()));
  const applied: LabelDecision[] = [];
  const suggested: LabelDecision[] = [];
  for (const score of [...scores].sort((a, b) => b.confidence - a.confidence)) {
    const label = options.typeLabels.get(score.type);
    if (label === undefined || score.confidence < SUGGESTION_FLOOR || blocked.has(label.toLowerCase())) continue;
    const decision = { type: score.type, label, confidence: score.confidence, evidence: score.evidence };
    if (score.confidence >= options.minConfidence && applied.length < MAX_APPLIED) applied.push(decision);
    // A suggestion next to an applied label was wrong more often than right on the dev split: stay quiet.
    else if (suggested.length < MAX_SUGGESTED && applied.length === 0) suggested.push(decision);
  }
  return { applied, suggested };
}
