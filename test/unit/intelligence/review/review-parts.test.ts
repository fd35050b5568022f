import { describe, expect, it } from "vitest";
import type { Finding } from "../../../../src/intelligence/analysis/finding";
import { analysisOptionsFromConfig } from "../../../../src/intelligence/config/analysis-options";
import { defaultRepositoryConfig } from "../../../../src/intelligence/config/repository-config";
import { compareFindings } from "../../../../src/intelligence/review/compare-findings";
import { reviewDecision, reviewSkipReasons } from "../../../../src/intelligence/review/review-decision";
import { riskScore } from "../../../../src/intelligence/review/risk-score";
import { summarizeChange } from "../../../../src/intelligence/review/summarize-change";
import { changedFile } from "../snippet";

const finding = (fingerprint: string, severity: Finding["severity"] = "high"): Finding => ({
  ruleId: "security/eval", category: "security", severity, path: "a.js", line: 1, message: "m", evidence: "e", suggestion: "s", fingerprint,
});

describe("summarizeChange", () => {
  it("groups source by top-level folder and the rest by kind, with totals", () => {
    const summary = summarizeChange([
      changedFile("src/a.ts", ["a", "b"]),
      changedFile("src/b.ts", ["c"]),
      changedFile("test/a.test.ts", ["d"]),
      changedFile("docs/guide.md", ["e"]),
      changedFile(".github/workflows/ci.yml", ["f"]),
      changedFile("package.json", ["g"]),
    ]);
    expect(summary.groups.map((g) => [g.name, g.files, g.additions])).toEqual([
      ["src/", 2, 3], ["ci", 1, 1], ["dependencies", 1, 1], ["docs", 1, 1], ["tests", 1, 1],
    ]);
    expect(summary).toMatchObject({ files: 6, additions: 7, deletions: 0 });
  });
});

describe("riskScore", () => {
  it("is deterministic, bounded, and explains itself", () => {
    const files = [changedFile("src/auth/session.ts", ["x"]), changedFile("migrations/0003_users.sql", ["y"]), changedFile("package.json", ["z"])];
    const findings = [finding("1", "critical"), finding("2", "high")];
    const first = riskScore(files, findings);
    expect(riskScore(files, findings)).toEqual(first);
    expect(first.score).toBeGreaterThan(riskScore([changedFile("docs/a.md", ["x"])], []).score);
    expect(first.score).toBeLessThanOrEqual(100);
    expect(first.reasons.map((r) => r.reason).join(" | ")).toMatch(/sensitive paths: src\/auth\/session\.ts, migrations\/0003_users\.sql/);
    expect(first.reasons.some((r) => /1 critical, 1 high/.test(r.reason))).toBe(true);
    expect(first.reasons.some((r) => /without any test change/.test(r.reason))).toBe(true);
  });
});

describe("compareFindings", () => {
  it("splits by fingerprint into open, new and resolved", () => {
    const result = compareFindings([finding("a"), finding("b")], [finding("b"), finding("c")]);
    expect(result.open.map((f) => f.fingerprint)).toEqual(["b", "c"]);
    expect(result.new.map((f) => f.fingerprint)).toEqual(["c"]);
    expect(result.resolved.map((f) => f.fingerprint)).toEqual(["a"]);
  });
});

describe("reviewSkipReasons", () => {
  const review = defaultRepositoryConfig().review;
  const { isIgnored } = analysisOptionsFromConfig(review);
  const files = [changedFile("src/a.ts", ["x"])];
  const pr = { draft: false, author: "octocat", title: "Add search" };

  it("reviews an ordinary pull request", () => {
    expect(reviewSkipReasons(pr, files, review, isIgnored!)).toEqual([]);
    expect(reviewDecision(pr, files, review, isIgnored!)).toEqual({ review: true, skips: [] });
    expect(reviewDecision({ ...pr, draft: true }, files, { ...review, enabled: false }, isIgnored!).skips).toHaveLength(2);
  });

  it("skips drafts, bots, skip phrases in titles and changes that are all ignored, saying why", () => {
    expect(reviewSkipReasons({ ...pr, draft: true }, files, review, isIgnored!)).toEqual([{ reason: "the pull request is a draft" }]);
    expect(reviewSkipReasons({ ...pr, author: "dependabot[bot]" }, files, review, isIgnored!)[0]!.reason).toMatch(/dependabot\[bot\] matches skip_authors `\*\[bot\]`/);
    expect(reviewSkipReasons({ ...pr, author: "robot" }, files, review, isIgnored!)).toEqual([]);
    expect(reviewSkipReasons({ ...pr, title: "WIP: search" }, files, review, isIgnored!)[0]!.reason).toMatch(/skip_titles/);
    expect(reviewSkipReasons({ ...pr, title: "Search [skip review]" }, files, review, isIgnored!)).toHaveLength(1);
    expect(reviewSkipReasons({ ...pr, title: "Wipe caches" }, files, review, isIgnored!)).toEqual([]);
    const lockOnly = [changedFile("package-lock.json", ["x"]), changedFile("dist/app.js", ["y"])];
    expect(reviewSkipReasons(pr, lockOnly, review, isIgnored!)).toEqual([{ reason: "all 2 changed file(s) match ignore patterns" }]);
  });
});
