import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_CONFIDENCE } from "../../../../src/intelligence/triage/triage-input";
import dev from "../../../fixtures/issues/dev.json";
import holdout from "../../../fixtures/issues/holdout.json";
import holdout2 from "../../../fixtures/issues/holdout-2.json";
import holdout3 from "../../../fixtures/issues/holdout-3.json";
import { f1, formatMetrics, type LabelledIssue, measureLabels, precision } from "./label-metrics";

// Each holdout joins the tuning set once it has been measured (fixtures README): the first was read while the
// rules were written, holdout-2 was measured once at the end of the second round. holdout-3 was collected blind
// and committed before the third round was measured, and measured once, after the engine was frozen.
const tuning = [...(dev as LabelledIssue[]), ...(holdout as LabelledIssue[]), ...(holdout2 as LabelledIssue[])];
const fresh = holdout3 as LabelledIssue[];
const all = [...tuning, ...fresh];

describe("label classification against maintainers' labels (test/fixtures/issues)", () => {
  it("prints precision, recall and F1 per label for the tuning set, holdout-3 and all", () => {
    for (const [name, issues] of [["tuning (dev + holdout + holdout-2)", tuning], ["holdout-3", fresh], ["all", all]] as const) {
      console.log(formatMetrics(name, measureLabels(issues, DEFAULT_MIN_CONFIDENCE)));
    }
    const sweep = [0.6, 0.65, 0.7, 0.75, 0.8].map((t) => {
      const m = measureLabels(tuning, t);
      return `${t}: applied P ${(precision(m.applied) * 100).toFixed(1)}% (${m.applied.tp}/${m.applied.tp + m.applied.fp}), ${(m.coverage * 100).toFixed(0)}% of issues labelled`;
    });
    console.log(`tuning-set threshold sweep:\n${sweep.join("\n")}`);
    expect(tuning.length).toBeGreaterThanOrEqual(100);
    expect(fresh.length).toBeGreaterThanOrEqual(60);
  });

  // The targets are applied precision >= 0.85 and micro-F1 >= 0.75 on all labelled issues, asserted on the pooled
  // 265 (0.910 and 0.781). On holdout-3 alone, measured blind, they were 0.917 and exactly 0.750, as for the engine
  // before that round: the pooled micro-F1 rests on tuning-set gains (docs/intelligence.md, "Figures").
  it("applies labels at least 85% precise on all labelled issues, pooled", () => {
    expect(precision(measureLabels(all, DEFAULT_MIN_CONFIDENCE).applied)).toBeGreaterThanOrEqual(0.85);
  });

  it("reaches micro-F1 0.75 over applied and suggested labels on all labelled issues, pooled", () => {
    expect(f1(measureLabels(all, DEFAULT_MIN_CONFIDENCE).any)).toBeGreaterThanOrEqual(0.75);
  });
});
