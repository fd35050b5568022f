import { describe, expect, it } from "vitest";
import { assessPriority } from "../../../../src/intelligence/triage/assess-priority";
import { classifyIssue } from "../../../../src/intelligence/triage/classify-issue";
import { findPriorityLabel, priorityOfLabel } from "../../../../src/intelligence/triage/priority-labels";

const assess = (title: string, body: string, reactions = 0) => assessPriority(title, body, reactions, classifyIssue(title, body));

describe("assessPriority", () => {
  it("makes data loss P0 and says so", () => {
    expect(assess("Sync deletes all files", "After syncing, data was lost on every device.")).toEqual(expect.objectContaining({ level: "P0", reasons: expect.arrayContaining(["data loss"]) }));
  });

  it("makes an outage in production P0", () => {
    expect(assess("API returns 500", "Production is down for all users since 10:00.").level).toBe("P0");
  });

  it("makes a crash or a regression P1 with the reason", () => {
    expect(assess("App crashes on start", "Segmentation fault: 11")).toMatchObject({ level: "P1", reasons: expect.arrayContaining(["crash"]) });
    expect(assess("Login broken", "It no longer works since upgrading to 2.0.").reasons).toContain("regression");
  });

  it("raises an issue many people reacted to", () => {
    expect(assess("Support dark mode", "Please add it.", 12)).toMatchObject({ level: "P1", reasons: ["12 reactions"] });
    expect(assess("Support dark mode", "Please add it.", 0)).toEqual({ level: "P3", reasons: [] });
  });

  it("puts a plain bug report at P2", () => {
    expect(assess("Wrong total in the invoice", "### Expected behavior\n10\n### Actual behavior\n12")).toMatchObject({ level: "P2", reasons: ["bug report"] });
  });
});

describe("priority labels", () => {
  it.each([
    ["P0", "P0"], ["p1", "P1"], ["priority: high", "P1"], ["priority/critical-urgent", "P0"], ["priority/important-soon", "P1"],
    ["priority/important-longterm", "P2"], ["Priority-Medium", "P2"], ["low priority", "P3"], ["priority/backlog", "P3"], ["P1: Showstopper", "P1"],
  ])("reads %s as %s", (name, level) => {
    expect(priorityOfLabel(name)).toBe(level);
  });

  it("does not mistake other labels for priorities", () => {
    expect(["bug", "high-dpi", "p2p", "priority/awaiting-more-evidence"].map(priorityOfLabel)).toEqual([null, null, null, null]);
  });

  it("finds the repository's label for a level and none when it has none", () => {
    const labels = [{ name: "priority: high" }, { name: "priority: low" }, { name: "bug" }];
    expect(findPriorityLabel("P1", labels)).toBe("priority: high");
    expect(findPriorityLabel("P0", labels)).toBeNull();
  });
});
