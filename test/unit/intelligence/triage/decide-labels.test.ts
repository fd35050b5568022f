import { describe, expect, it } from "vitest";
import type { TypeScore } from "../../../../src/intelligence/triage/classify-issue";
import { decideLabels } from "../../../../src/intelligence/triage/decide-labels";
import type { IssueType } from "../../../../src/intelligence/triage/issue-type";

const typeLabels = new Map<IssueType, string>([["bug", "bug"], ["feature", "enhancement"], ["performance", "perf"]]);
const scored = (...s: [IssueType, number][]): TypeScore[] => s.map(([type, confidence]) => ({ type, confidence, evidence: [`${type} evidence`] }));

describe("decideLabels", () => {
  it("applies a type above the threshold under the repository's label name", () => {
    const { applied, suggested } = decideLabels(scored(["bug", 0.9], ["feature", 0.4]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] });
    expect(applied).toEqual([{ type: "bug", label: "bug", confidence: 0.9, evidence: ["bug evidence"] }]);
    expect(suggested).toEqual([]);
  });

  it("only suggests a type with evidence below the threshold", () => {
    const { applied, suggested } = decideLabels(scored(["feature", 0.6], ["bug", 0.1]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] });
    expect(applied).toEqual([]);
    expect(suggested.map((d) => d.label)).toEqual(["enhancement"]);
  });

  it("suggests a close runner-up next to the leading type, and not a distant one", () => {
    const close = decideLabels(scored(["feature", 0.6], ["bug", 0.56]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] });
    expect(close.suggested.map((d) => d.label)).toEqual(["enhancement", "bug"]);
    const distant = decideLabels(scored(["feature", 0.6], ["bug", 0.4]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] });
    expect(distant.suggested.map((d) => d.label)).toEqual(["enhancement"]);
  });

  it("suggests bug next to a performance call when there is evidence of a bug too", () => {
    const { applied, suggested } = decideLabels(scored(["performance", 0.8], ["bug", 0.4]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] });
    expect(applied.map((d) => d.label)).toEqual(["perf"]);
    expect(suggested.map((d) => d.label)).toEqual(["bug"]);
    expect(decideLabels(scored(["performance", 0.8], ["bug", 0.2]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] }).suggested).toEqual([]);
  });

  it("never applies or suggests a label a human removed, whatever its confidence", () => {
    const { applied, suggested } = decideLabels(scored(["bug", 0.95], ["performance", 0.5]), { typeLabels, minConfidence: 0.75, removedByHuman: ["BUG", "perf"], current: [] });
    expect(applied).toEqual([]);
    expect(suggested).toEqual([]);
  });

  it("does not apply a label the issue already carries", () => {
    expect(decideLabels(scored(["bug", 0.95]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: ["bug"] }).applied).toEqual([]);
  });

  it("skips types the repository has no label for", () => {
    expect(decideLabels(scored(["question", 0.95]), { typeLabels, minConfidence: 0.75, removedByHuman: [], current: [] })).toEqual({ applied: [], suggested: [] });
  });
});
