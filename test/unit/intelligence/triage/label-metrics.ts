import { classifyIssue } from "../../../../src/intelligence/triage/classify-issue";
import { decideLabels } from "../../../../src/intelligence/triage/decide-labels";
import { ISSUE_TYPES, type IssueType } from "../../../../src/intelligence/triage/issue-type";
import { resolveTypeLabels } from "../../../../src/intelligence/triage/label-names";

export interface LabelledIssue {
  id: string;
  title: string;
  body: string;
  types: IssueType[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface LabelMetrics {
  issues: number;
  perType: Record<IssueType, { applied: Counts; any: Counts }>;
  applied: Counts;
  any: Counts;
  /** Share of issues that got at least one applied label. */
  coverage: number;
}

// Every repository is assumed to have all six labels: the hardest case for precision, since nothing is filtered out.
const ALL_LABELS = resolveTypeLabels(
  ["bug", "enhancement", "documentation", "question", "security", "performance"].map((name) => ({ name })),
  {},
);

/** Runs the classifier over labelled issues and counts applied and applied-or-suggested labels against the maintainers'. */
export function measureLabels(issues: readonly LabelledIssue[], minConfidence: number): LabelMetrics {
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const perType = Object.fromEntries(ISSUE_TYPES.map((t) => [t, { applied: zero(), any: zero() }])) as LabelMetrics["perType"];
  let covered = 0;
  for (const issue of issues) {
    const decisions = decideLabels(classifyIssue(issue.title, issue.body), { typeLabels: ALL_LABELS, minConfidence, removedByHuman: [], current: [] });
    const applied = new Set(decisions.applied.map((d) => d.type));
    const any = new Set([...applied, ...decisions.suggested.map((d) => d.type)]);
    if (applied.size > 0) covered += 1;
    for (const type of ISSUE_TYPES) {
      const gold = issue.types.includes(type);
      count(perType[type].applied, applied.has(type), gold);
      count(perType[type].any, any.has(type), gold);
    }
  }
  const sum = (key: "applied" | "any"): Counts =>
    ISSUE_TYPES.reduce((acc, t) => ({ tp: acc.tp + perType[t][key].tp, fp: acc.fp + perType[t][key].fp, fn: acc.fn + perType[t][key].fn }), zero());
  return { issues: issues.length, perType, applied: sum("applied"), any: sum("any"), coverage: issues.length === 0 ? 0 : covered / issues.length };
}

function count(c: Counts, predicted: boolean, gold: boolean): void {
  if (predicted && gold) c.tp += 1;
  else if (predicted) c.fp += 1;
  else if (gold) c.fn += 1;
}

export function precision(c: Counts): number {
  return c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
}

export function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

export function f1(c: Counts): number {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** A plain-text table of the figures, one row per type, then the micro totals. */
export function formatMetrics(name: string, m: LabelMetrics): string {
  const pct = (n: number) => (n * 100).toFixed(1).padStart(5);
  const row = (label: string, a: Counts, b: Counts) =>
    `${label.padEnd(14)} applied P ${pct(precision(a))} R ${pct(recall(a))} F1 ${pct(f1(a))} | +suggested P ${pct(precision(b))} R ${pct(recall(b))} F1 ${pct(f1(b))}`;
  return [
    `${name}: ${m.issues} issues, ${pct(m.coverage)}% got an applied label`,
    ...ISSUE_TYPES.map((t) => row(t, m.perType[t].applied, m.perType[t].any)),
    row("micro", m.applied, m.any),
  ].join("\n");
}
