import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import { annotationBatches } from "../../../../src/intelligence/review/annotations";
import { checkRunOutput } from "../../../../src/intelligence/review/check-run-output";
import { parseRepositoryConfig } from "../../../../src/intelligence/config/parse-repository-config";
import { defaultRepositoryConfig } from "../../../../src/intelligence/config/repository-config";
import { assembleReview } from "../../../../src/intelligence/review/review";
import { changedFile } from "../snippet";
import { reviewOf, samplePullRequest } from "./review-fixtures";

describe("checkRunOutput", () => {
  it("splits 120 findings into 3 batches of at most 50, every annotation on an added line", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `const r${i} = eval(input${i});`);
    const files = [changedFile("src/many.js", lines, ["// context line"])];
    const review = reviewOf(files);
    const output = checkRunOutput(review, defaultRepositoryConfig());
    expect(output.annotationBatches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    const added = review.addedLines.get("src/many.js")!;
    for (const annotation of output.annotationBatches.flat()) {
      expect(added.has(annotation.start_line)).toBe(true);
      expect(added.has(annotation.end_line)).toBe(true);
      expect(annotation).toMatchObject({ path: "src/many.js", annotation_level: "failure", title: "security/eval (high)" });
    }
    expect(output.conclusion).toBe("failure");
  });

  it("drops findings that do not point at an added line (whole-change findings, lines outside the diff)", () => {
    const files = samplePullRequest();
    const review = reviewOf(files);
    review.findings.push({ ...review.findings[0]!, line: 999, fingerprint: "outside" });
    const annotations = checkRunOutput(review, defaultRepositoryConfig()).annotationBatches.flat();
    expect(review.findings.some((finding) => finding.line === 0)).toBe(true);
    expect(annotations.length).toBe(review.findings.filter((f) => f.line > 0 && f.line !== 999).length);
    expect(annotations.every((a) => review.addedLines.get(a.path)!.has(a.start_line))).toBe(true);
  });

  it("follows review.fail_on for the conclusion", () => {
    const files = samplePullRequest();
    const strict = reviewOf(files);
    expect(checkRunOutput(strict, defaultRepositoryConfig())).toMatchObject({ conclusion: "failure", title: expect.stringMatching(/at or above high/) });
    const lenient = parseRepositoryConfig("review:\n  fail_on: none").config;
    expect(checkRunOutput(reviewOf(files, lenient), lenient).conclusion).toBe("neutral");
    const clean = [changedFile("test/a.test.ts", ["it('adds', () => expect(1 + 1).toBe(2));"])];
    expect(checkRunOutput(reviewOf(clean), defaultRepositoryConfig())).toMatchObject({ conclusion: "success", title: "No findings" });
  });

  it("describes config problems, with where they are, and does not call such a run a success", () => {
    const { config, problems } = parseRepositoryConfig("review:\n  fail_on: severe");
    const clean = [changedFile("test/a.test.ts", ["it('adds', () => expect(1 + 1).toBe(2));"])];
    const analysis = analyzeChanges(clean);
    const output = checkRunOutput(assembleReview({ files: clean, analysis, review: config.review, configProblems: problems }), config);
    expect(output.conclusion).toBe("neutral");
    expect(output.summary).toContain("review.fail\\_on (line 2, column 12)");
  });

  it("batches any list in order", () => {
    expect(annotationBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(annotationBatches([], 50)).toEqual([]);
  });
});
