import { describe, expect, it } from "vitest";
import { createBm25Index } from "../../../../src/intelligence/triage/bm25";
import { findRelatedIssues, RELATED_THRESHOLD } from "../../../../src/intelligence/triage/related-issues";
import { tokenize } from "../../../../src/intelligence/triage/tokenize";

const recent = [
  { number: 1, title: "Webhook signature check fails for large payloads", body: "The webhook handler rejects payloads over 1 MB with 401.", state: "closed" as const },
  { number: 2, title: "Add dark mode", body: "A dark theme for the dashboard would be nice.", state: "open" as const },
  { number: 3, title: "Webhook retries duplicate deliveries", body: "When the webhook handler times out, GitHub retries and we process twice.", state: "open" as const },
  { number: 4, title: "Typo in README", body: "Teh quick start has a typo.", state: "closed" as const },
];

describe("tokenize", () => {
  it("drops URLs, stop words and numbers, splits identifiers and stems", () => {
    expect(tokenize("The webhookHandler failed: see https://example.com/x/123 for the 42 deliveries")).toEqual(["webhook", "handler", "fail", "see", "deliveri"]);
  });
});

describe("createBm25Index", () => {
  it("ranks documents sharing rarer terms above those sharing common ones", () => {
    const index = createBm25Index([["webhook", "fail"], ["webhook", "retri"], ["dark", "mode"]]);
    const [a, b, c] = index.scores(["webhook", "retri"]);
    expect(b).toBeGreaterThan(a ?? 0);
    expect(c).toBe(0);
    expect(index.selfScore(["webhook", "retri"])).toBeGreaterThanOrEqual(b ?? 0);
  });
});

describe("findRelatedIssues", () => {
  it("returns the issues about the same subject, best first, with scores above the threshold", () => {
    const related = findRelatedIssues({ number: 9, title: "Webhook handler times out on large payloads", body: "GitHub retries the webhook delivery." }, recent);
    expect(related.map((r) => r.number).sort()).toEqual([1, 3]);
    expect(related.every((r) => r.score >= RELATED_THRESHOLD && r.score <= 1)).toBe(true);
    expect(related[0]?.score).toBeGreaterThanOrEqual(related[1]?.score ?? 1);
  });

  it("returns nothing when no earlier issue shares the subject", () => {
    expect(findRelatedIssues({ number: 9, title: "Rename the CLI binary", body: "Shorter name please." }, recent)).toEqual([]);
  });

  it("never relates an issue to itself and returns at most three", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ number: i + 1, title: "Webhook retries duplicate deliveries", body: "webhook retry", state: "open" as const }));
    const related = findRelatedIssues({ number: 1, title: "Webhook retries duplicate deliveries", body: "webhook retry" }, many);
    expect(related).toHaveLength(3);
    expect(related.map((r) => r.number)).not.toContain(1);
  });
});
