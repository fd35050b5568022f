import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_CONFIDENCE } from "../../../../src/intelligence/triage/triage-input";
import dev from "../../../fixtures/issues/dev.json";
import holdout from "../../../fixtures/issues/holdout.json";
import holdout2 from "../../../fixtures/issues/holdout-2.json";
import { f1, formatMetrics, type LabelledIssue, measureLabels, precision } from "./label-metrics";

// The first holdout was read while the rules were written, so it joined dev as the tuning set. holdout-2 was
// collected and committed before the second round of tuning and never read per issue (fixtures README).
const tuning = [...(dev as LabelledIssue[]), ...(holdout as LabelledIssue[])];
const fresh = holdout2 as LabelledIssue[];
const all = [...tuning, ...fresh];

describe("label classification against maintainers' labels (test/fixtures/issues)", () => {
  it("prints precision, recall and F1 per label for the tuning set, holdout-2 and all", () => {
    for (const [name, issues] of [["tuning (dev + holdout)", tuning], ["holdout-2", fresh], ["all", all]] as const) {
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

  // The targets are applied precision >= 0.85 and micro-F1 >= 0.75 on all labelled issues. Measured once with
  // holdout-2 after tuning (docs/intelligence.md, "Issue triage"): applied precision 0.897 meets its target and is
  // asserted as such; micro-F1 0.738 does not, so it keeps a floor just under the measured figure, which fails a
  // change that makes labelling worse without claiming the target.
  it("applies labels at least 85% precise on all labelled issues", () => {
    expect(precision(measureLabels(all, DEFAULT_MIN_CONFIDENCE).applied)).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps micro-F1 over applied and suggested labels at least 0.73 on all labelled issues", () => {
    expect(f1(measureLabels(all, DEFAULT_MIN_CONFIDENCE).any)).toBeGreaterThanOrEqual(0.73);
  });
});
