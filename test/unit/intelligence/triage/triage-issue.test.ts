import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../../src/errors";
import { isTriageComment, TRIAGE_COMMENT_MARKER } from "../../../../src/intelligence/triage/triage-comment";
import { type TriageInput, triageIssue } from "../../../../src/intelligence/triage/triage-issue";

const input: TriageInput = {
  issue: {
    number: 42,
    title: "[Bug]: webhook handler crashes on large payloads",
    body: "### Steps to reproduce\nSend a 2 MB payload.\n### Expected behavior\n202\n```\nTypeError: body is undefined\n    at verify (src/webhooks/verify-signature.ts:10:5)\n    at handle (src/webhooks/handler.ts:3:1)\n```",
    author: "reporter",
    reactions: 4,
  },
  repositoryLabels: [{ name: "type: bug" }, { name: "type: feature" }, { name: "priority: high" }, { name: "priority: medium" }],
  removedByHuman: [],
  recentIssues: [
    { number: 7, title: "Webhook handler rejects large payloads", body: "Payloads over 1 MB fail.", state: "closed" },
    { number: 8, title: "Dark mode", body: "Please add one.", state: "open" },
  ],
  codeowners: "src/webhooks/ @carol",
  recentAuthors: [{ path: "src/webhooks/handler.ts", login: "dave" }],
};

describe("triageIssue", () => {
  it("labels, prioritises, relates, suggests assignees and renders one sticky comment", () => {
    const result = triageIssue(input);
    expect(result.labels?.applied.map((d) => d.label)).toEqual(["type: bug"]);
    expect(result.priority).toMatchObject({ level: "P1", label: "priority: high", reasons: expect.arrayContaining(["crash"]) });
    expect(result.related?.map((r) => r.number)).toEqual([7]);
    expect(result.assignees?.logins.map((a) => a.login)).toEqual(["carol", "dave"]);
    expect(isTriageComment(result.comment)).toBe(true);
    expect(result.comment).toContain("`type: bug` (");
    expect(result.comment).toContain("#7 (closed,");
    expect(result.comment).toContain("@carol");
  });

  it("turns each part off with its switch", () => {
    const result = triageIssue(input, { labels: false, priority: false, related: false, assignees: false, comment: false });
    expect(result).toMatchObject({ labels: null, priority: null, related: null, assignees: null, comment: null });
    expect(result.classification[0]?.type).toBe("bug");
  });

  it("does not re-apply a label a human removed, even when the evidence is strong", () => {
    const result = triageIssue({ ...input, removedByHuman: ["Type: Bug"] });
    expect(result.labels).toEqual({ applied: [], suggested: [] });
    expect(result.comment).toContain("Labels applied: none");
  });

  it("honours label_map and min_confidence from the options", () => {
    const labelled = triageIssue({ ...input, repositoryLabels: [{ name: "defect" }, { name: "type: bug" }] }, { labelMap: { bug: "defect" } });
    expect(labelled.labels?.applied.map((d) => d.label)).toEqual(["defect"]);
    expect(triageIssue(input, { minConfidence: 1 }).labels?.suggested.map((d) => d.label)).toEqual(["type: bug"]);
  });

  it("rejects malformed input and options instead of guessing", () => {
    expect(() => triageIssue({ ...input, issue: { ...input.issue, number: -1 } })).toThrow(InvalidInputError);
    expect(() => triageIssue(input, { minConfidence: 2 })).toThrow(/options are malformed/);
  });
});

describe("sticky comment marker", () => {
  it("recognises only comments that start with the marker", () => {
    expect(TRIAGE_COMMENT_MARKER).toBe("<!-- chittyconnect:triage -->");
    expect(isTriageComment(`${TRIAGE_COMMENT_MARKER}\n**Triage**`)).toBe(true);
    expect(isTriageComment(`Quoting: ${TRIAGE_COMMENT_MARKER}`)).toBe(false);
    expect(isTriageComment(null)).toBe(false);
  });

  it("folds the evidence into a details block and keeps the comment short", () => {
    const comment = triageIssue(input).comment ?? "";
    expect(comment).toMatch(/<details><summary>Why<\/summary>[\s\S]*stack trace \(JavaScript\)[\s\S]*<\/details>$/);
    expect(comment.split("\n").length).toBeLessThan(25);
  });
});
