import { describe, expect, it } from "vitest";
import { defaultRepositoryConfig, type TriageConfig } from "../../../../src/intelligence/config/repository-config";
import { planTriage, type TriageFacts } from "../../../../src/intelligence/issue-triage/plan-triage";
import { TRIAGE_COMMENT_MARKER } from "../../../../src/intelligence/triage/triage-comment";

const crash = {
  title: "[Bug]: the scheduler crashes when a job has no owner",
  body: "### Steps to reproduce\n1. Create a job without an owner\n### Expected behavior\nIt runs.\n```\nTraceback (most recent call last):\n  File \"scheduler.py\", line 3, in run\nAttributeError: 'NoneType' object has no attribute 'id'\n```",
};

function facts(overrides: Partial<TriageFacts> & { labels?: string[] } = {}): TriageFacts {
  const { labels = [], ...rest } = overrides;
  return {
    issue: { number: 9, title: crash.title, body: crash.body, author: "reporter", labels, reactions: 0 },
    repositoryLabels: [{ name: "kind/bug" }, { name: "kind/feature" }, { name: "P1" }, { name: "P2" }],
    recentIssues: [],
    codeowners: null,
    recentAuthors: [],
    removedByOthers: [],
    appliedBefore: [],
    ...rest,
  };
}

const settings = (overrides: Partial<TriageConfig> = {}): TriageConfig => ({ ...defaultRepositoryConfig().triage, ...overrides });

describe("planTriage", () => {
  it("adds the type label and the priority label the repository has, and renders the comment", () => {
    const plan = planTriage(facts(), settings(), "opened");
    expect(plan.labelsToAdd).toEqual(["kind/bug", "P1"]);
    expect(plan.stored.labels?.applied.map((d) => d.label)).toEqual(["kind/bug"]);
    expect(plan.stored.priority).toEqual({ level: "P1", reasons: expect.arrayContaining(["crash"]), label: "P1", applied: true });
    expect(plan.stored).toMatchObject({ reason: "opened", added: ["kind/bug", "P1"], removedByHuman: [] });
    expect(plan.comment?.startsWith(TRIAGE_COMMENT_MARKER)).toBe(true);
    expect(plan.comment).toContain("**P1** (`P1`)");
  });

  it("treats a label the App added and the issue lost as removed by a person, and never adds it again", () => {
    const plan = planTriage(facts({ labels: ["P1"], appliedBefore: ["kind/bug", "P1"] }), settings(), "edited");
    expect(plan.stored.removedByHuman).toEqual(["kind/bug"]);
    expect(plan.labelsToAdd).toEqual([]);
    expect(plan.stored.labels?.applied).toEqual([]);
    // The App's own P1 is still its own: listed as applied, and said in the comment.
    expect(plan.stored.priority).toMatchObject({ label: "P1", applied: true });
  });

  it("takes removals from the label events too, for labels the App never added", () => {
    const plan = planTriage(facts({ removedByOthers: ["KIND/BUG"] }), settings(), "edited");
    expect(plan.labelsToAdd).toEqual(["P1"]);
    expect(plan.stored.removedByHuman).toEqual(["KIND/BUG"]);
  });

  it("lists the App's earlier labels as applied on a re-triage without adding them again", () => {
    const plan = planTriage(facts({ labels: ["kind/bug", "P1"], appliedBefore: ["kind/bug", "P1"] }), settings(), "command");
    expect(plan.stored.labels?.applied.map((d) => d.label)).toEqual(["kind/bug"]);
    expect(plan.labelsToAdd).toEqual([]);
    expect(plan.stored.added).toEqual([]);
  });

  it("leaves a maintainer's labels to the maintainer: neither re-applied nor joined by a second priority", () => {
    const plan = planTriage(facts({ labels: ["kind/bug", "P2"] }), settings(), "opened");
    expect(plan.labelsToAdd).toEqual([]);
    expect(plan.stored.labels?.applied).toEqual([]);
    expect(plan.stored.priority).toMatchObject({ level: "P1", label: "P1", applied: false });
    // The comment names the level but not a label the issue does not carry.
    expect(plan.comment).toContain("**P1**");
    expect(plan.comment).not.toContain("(`P1`)");
  });

  it("honours every switch, the label map and the threshold", () => {
    const off = planTriage(facts(), settings({ labels: false, priority: false, related: false, assignees: false, comment: false }), "opened");
    expect(off).toEqual({ stored: expect.objectContaining({ labels: null, priority: null, related: null, assignees: null }), labelsToAdd: [], comment: null });
    const strict = planTriage(facts(), settings({ min_confidence: 1 }), "opened");
    expect(strict.stored.labels?.applied).toEqual([]);
    expect(strict.stored.labels?.suggested.map((d) => d.label)).toEqual(["kind/bug"]);
    expect(strict.labelsToAdd).toEqual(["P1"]);
    const mapped = planTriage(facts({ repositoryLabels: [{ name: "defect" }, { name: "kind/bug" }] }), settings({ label_map: { bug: "Defect" } }), "opened");
    expect(mapped.labelsToAdd).toEqual(["defect"]);
  });
});
