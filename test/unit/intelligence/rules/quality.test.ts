import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import { changedFile, findingsFor } from "../snippet";

describe("quality/todo", () => {
  it("flags TODO and FIXME in added comments of code files only", () => {
    expect(findingsFor("quality/todo", "src/a.ts", ["// TODO: handle retries", "const x = 1; # not a comment in TS"])).toHaveLength(1);
    expect(findingsFor("quality/todo", "app.py", ["x = 1  # FIXME wrong unit"])).toHaveLength(1);
    expect(findingsFor("quality/todo", "src/a.ts", ['const label = "TODO list";'])).toEqual([]);
    expect(findingsFor("quality/todo", "README.md", ["- TODO: write docs"])).toEqual([]);
  });
});

describe("quality/debug-output", () => {
  it.each([
    ["src/service.ts", "console.log(user);"],
    ["src/service.js", "debugger;"],
    ["app/service.py", "print(payload)"],
    ["internal/svc/service.go", '\tfmt.Println("got", v)'],
    ["src/main/java/Svc.java", "System.out.println(v);"],
    ["app/models/user.rb", "pp user"],
    ["src/Service.php", "var_dump($user);"],
  ])("flags leftovers in library code: %s", (file, line) => {
    expect(findingsFor("quality/debug-output", file, [line])).toHaveLength(1);
  });

  it.each([
    ["test/service.test.ts", "console.log(user);"],
    ["scripts/migrate.js", "console.log('done');"],
    ["cmd/tool/main.go", '\tfmt.Println("usage")'],
    ["src/service.ts", "console.error(err);"],
    ["tools/report.py", "print(summary)"],
  ])("leaves tests, scripts and deliberate output alone: %s", (file, line) => {
    expect(findingsFor("quality/debug-output", file, [line])).toEqual([]);
  });

  it("leaves a command-line program that parses its arguments alone", () => {
    expect(findingsFor("quality/debug-output", "app/report.py", ["print(args.out)"], ["args = argparse.ArgumentParser().parse_args()"])).toEqual([]);
  });
});

describe("quality/large-file and quality/no-tests", () => {
  it("reports a file that grows past the limit on its first added line", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `const v${i} = ${i};`);
    const findings = analyzeChanges([changedFile("src/big.ts", lines, ["// top"])], { largeFileLines: 20 }).findings;
    expect(findings.find((f) => f.ruleId === "quality/large-file")).toMatchObject({ line: 2, severity: "low" });
  });

  it("reports source changed without a test change once for the whole change, and not when a test changed", () => {
    const source = changedFile("src/a.ts", ["export const a = 1;"]);
    const onlySource = analyzeChanges([source]).findings.filter((f) => f.ruleId === "quality/no-tests");
    expect(onlySource).toMatchObject([{ line: 0, path: "", evidence: "src/a.ts" }]);
    const withTest = analyzeChanges([source, changedFile("test/a.test.ts", ["it('x', () => {});"])]).findings;
    expect(withTest.some((f) => f.ruleId === "quality/no-tests")).toBe(false);
    expect(analyzeChanges([changedFile("README.md", ["docs"])]).findings.some((f) => f.ruleId === "quality/no-tests")).toBe(false);
  });
});
