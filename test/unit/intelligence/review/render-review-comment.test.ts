import { describe, expect, it } from "vitest";
import { isReviewComment, REVIEW_COMMENT_MARKER } from "../../../../src/intelligence/review/review-marker";
import { renderReviewComment } from "../../../../src/intelligence/review/render-review-comment";
import { parseRepositoryConfig } from "../../../../src/intelligence/config/parse-repository-config";
import { changedFile } from "../snippet";
import { reviewOf, samplePullRequest } from "./review-fixtures";

describe("renderReviewComment", () => {
  it("starts with the hidden marker that isReviewComment finds", () => {
    const body = renderReviewComment(reviewOf(samplePullRequest()));
    expect(body.startsWith(`${REVIEW_COMMENT_MARKER}\n`)).toBe(true);
    expect(isReviewComment(body)).toBe(true);
    expect(isReviewComment("Looks good to me")).toBe(false);
    expect(isReviewComment(null)).toBe(false);
  });

  it("shows the summary, the risk with reasons, findings by severity and what was skipped", () => {
    const body = renderReviewComment(reviewOf(samplePullRequest()));
    expect(body).toMatch(/\*\*Risk \d+\/100 \((low|medium|high)\)\*\*/);
    expect(body).toContain("<details><summary>Change summary</summary>");
    expect(body).toContain("<details><summary>Why this risk score</summary>");
    const critical = body.indexOf("security/hardcoded-secret/github-token");
    const high = body.indexOf("security/sql-injection");
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(body).not.toContain("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");
    expect(body).toContain("package-lock.json");
    expect(body).toContain("ignore pattern");
    expect(body).toContain("assets/logo.png");
    expect(body).not.toContain("AI-generated");
  });

  it("caps the list and says how many more there are", () => {
    const config = parseRepositoryConfig("review:\n  max_findings: 2").config;
    const lines = Array.from({ length: 5 }, (_, i) => `const r${i} = eval(input${i});`);
    const body = renderReviewComment(reviewOf([changedFile("src/e.js", lines)], config));
    expect(body.match(/`security\/eval` at/g)).toHaveLength(2);
    expect(body).toContain("…and 4 more finding(s)");
  });

  it("strikes through findings resolved since the previous review and marks new ones", () => {
    const before = reviewOf([changedFile("src/e.js", ["const a = eval(x);", "el.innerHTML = html;"])]);
    const after = reviewOf([changedFile("src/e.js", ["const a = eval(x);", "el.textContent = html;", "document.write(y);"])], undefined, {
      previous: before.findings,
    });
    const body = renderReviewComment(after);
    expect(body).toContain("### Resolved since the last review");
    expect(body).toMatch(/~~`security\/xss` at `src\/e\.js:2`/);
    expect(body).toMatch(/`security\/xss` at `src\/e\.js:3` \*\(new\)\*/);
    expect(body).not.toMatch(/`security\/eval` at `src\/e\.js:1` \*\(new\)\*/);
  });

  it("adds the AI paragraph only when given and enabled, clearly marked", () => {
    const files = samplePullRequest();
    const off = renderReviewComment(reviewOf(files, undefined, { aiSummary: "Adds a lookup." }));
    expect(off).not.toContain("Adds a lookup.");
    const config = parseRepositoryConfig("review:\n  ai_summary: true").config;
    const on = renderReviewComment(reviewOf(files, config, { aiSummary: "Adds a lookup." }));
    expect(on).toContain("**AI-generated summary**");
    expect(on).toContain("Adds a lookup.");
  });

  it("escapes markdown in evidence and messages so code cannot break the comment", () => {
    const body = renderReviewComment(reviewOf([changedFile("src/t.js", ["el.innerHTML = `<b>${name}</b>` + x; // `tick`"])]));
    expect(body).toMatch(/``\s?el\.innerHTML = `<b>\$\{name\}<\/b>` \+ x; \/\/ `tick`\s?``/);
  });
});
