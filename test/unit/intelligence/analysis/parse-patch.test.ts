import { describe, expect, it } from "vitest";
import { parsePatch } from "../../../../src/intelligence/analysis/parse-patch";

describe("parsePatch", () => {
  it("numbers added lines in the new file and removed lines in the old one", () => {
    const parsed = parsePatch("@@ -10,3 +10,4 @@ function a() {\n const a = 1;\n-const b = 2;\n+const b = 3;\n+const c = 4;\n return a;");
    expect(parsed.hunks).toHaveLength(1);
    expect(parsed.hunks[0]!.section).toBe("function a() {");
    expect([...parsed.addedLines]).toEqual([11, 12]);
    expect(parsed.hunks[0]!.lines.find((line) => line.kind === "remove")).toMatchObject({ text: "const b = 2;", oldLine: 11 });
    expect(parsed.hunks[0]!.lines.at(-1)).toMatchObject({ kind: "context", newLine: 13, oldLine: 12 });
    expect(parsed.additions).toBe(2);
    expect(parsed.deletions).toBe(1);
  });

  it("restarts numbering at every hunk header", () => {
    const parsed = parsePatch("@@ -1,2 +1,2 @@\n-a\n+b\n c\n@@ -40,1 +40,2 @@\n d\n+e");
    expect(parsed.hunks.map((hunk) => [hunk.newStart, hunk.newLines])).toEqual([[1, 2], [40, 2]]);
    expect([...parsed.addedLines]).toEqual([1, 41]);
  });

  it("marks the line before '\\ No newline at end of file' and does not count the marker as a line", () => {
    const parsed = parsePatch("@@ -1 +1 @@\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file");
    const lines = parsed.hunks[0]!.lines;
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.noNewlineAtEnd)).toBe(true);
    expect([...parsed.addedLines]).toEqual([1]);
    expect(parsed.hunks[0]).toMatchObject({ oldLines: 1, newLines: 1 });
  });

  it("returns no hunks for a renamed or binary file that came without a patch", () => {
    expect(parsePatch(undefined)).toMatchObject({ hunks: [], additions: 0, deletions: 0 });
    expect(parsePatch("").addedLines.size).toBe(0);
  });

  it("treats a blank row as a blank context line and strips carriage returns", () => {
    const parsed = parsePatch("@@ -1,3 +1,3 @@\n a\r\n\n+b\r");
    expect(parsed.hunks[0]!.lines.map((line) => [line.kind, line.text])).toEqual([["context", "a"], ["context", ""], ["add", "b"]]);
    expect([...parsed.addedLines]).toEqual([3]);
  });
});

describe("analyzeChanges on files without a patch", () => {
  it("skips binary or too-large files with the reason, but not pure renames", async () => {
    const { analyzeChanges } = await import("../../../../src/intelligence/analysis/analyze");
    const result = analyzeChanges([
      { filename: "assets/logo.png", status: "added", additions: 0, deletions: 0, changes: 0 },
      { filename: "src/new-name.ts", previous_filename: "src/old-name.ts", status: "renamed", additions: 0, deletions: 0, changes: 0 },
      { filename: "data/huge.sql", status: "modified", additions: 90_000, deletions: 0, changes: 90_000 },
    ]);
    expect(result.skipped.map((file) => [file.path, file.reason])).toEqual([["assets/logo.png", "no-patch"], ["data/huge.sql", "no-patch"]]);
    expect(result.findings.filter((finding) => finding.line > 0)).toEqual([]);
    expect(result.stats).toMatchObject({ filesChanged: 3, hunks: 0, addedLines: 0 });
  });
});
