import { describe, expect, it } from "vitest";
import { DEFAULT_MIN_CONFIDENCE } from "../../../../src/intelligence/triage/triage-input";
import dev from "../../../fixtures/issues/dev.json";
import holdout from "../../../fixtures/issues/holdout.json";
import { f1, formatMetrics, type LabelledIssue, measureLabels, precision } from "./label-metrics";

const devIssues = dev as LabelledIssue[];
const holdoutIssues = holdout as LabelledIssue[];
const allIssues = [...devIssues, ...holdoutIssues];

describe("label classification against maintainers' labels (test/fixtures/issues)", () => {
  it("prints precision, recall and F1 per label for dev, holdout and all", () => {
    for (const [name, issues] of [["dev", devIssues], ["holdout", holdoutIssues], ["all", allIssues]] as const) {
      console.log(formatMetrics(name, measureLabels(issues, DEFAULT_MIN_CONFIDENCE)));
    }
    const sweep = [0.6, 0.65, 0.7, 0.75, 0.8].map((t) => {
      const m = measureLabels(devIssues, t);
      return `${t}: applied P ${(precision(m.applied) * 100).toFixed(1)}%, ${(m.coverage * 100).toFixed(0)}% of issues labelled`;
    });
    console.log(`dev threshold sweep (the default is the lowest with applied precision ≥ 85%):\n${sweep.join("\n")}`);
    expect(allIssues.length).toBeGreaterThanOrEqual(100);
  });

  // The targets were applied precision ≥ 0.85 and micro-F1 ≥ 0.75 on all issues. Measured without tuning on the
  // holdout: 0.846 and 0.694 (docs/intelligence.md, "Issue triage", says why). These floors sit just under the
  // measured figures so that a change which makes labelling worse fails here; raise them when the figures rise.
  it("keeps applied labels at least 84% precise on all labelled issues", () => {
    expect(precision(measureLabels(allIssues, DEFAULT_MIN_CONFIDENCE).applied)).toBeGreaterThanOrEqual(0.84);
  });

  it("keeps micro-F1 over applied and suggested labels at least 0.69 on all labelled issues", () => {
    expect(f1(measureLabels(allIssues, DEFAULT_MIN_CONFIDENCE).any)).toBeGreaterThanOrEqual(0.69);
  });
});
