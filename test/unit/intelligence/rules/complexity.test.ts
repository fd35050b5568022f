import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import { changedFile } from "../snippet";

const branchyJs = [
  "function route(req) {",
  "  if (req.a && req.b) return 1;",
  "  if (req.c || req.d) return 2;",
  "  for (const x of req.items) {",
  "    if (x.ok) continue;",
  "    while (x.next) x = x.next;",
  "  }",
  "  switch (req.kind) {",
  "    case 'a': return 3;",
  "    case 'b': return 4;",
  "  }",
  "  return req.e ? 5 : 6;",
  "}",
];

function ruleFindings(file: string, lines: string[], ruleId: string, options = {}) {
  return analyzeChanges([changedFile(file, lines)], options).findings.filter((finding) => finding.ruleId === ruleId);
}

describe("complexity/cyclomatic", () => {
  it("counts decision points of a changed JS function and reports it above the threshold", () => {
    const [finding] = ruleFindings("src/route.js", branchyJs, "complexity/cyclomatic", { complexityThreshold: 10 });
    expect(finding).toMatchObject({ line: 1, evidence: "function route(req) {" });
    expect(finding!.message).toMatch(/about 11 /);
    expect(ruleFindings("src/route.js", branchyJs, "complexity/cyclomatic", { complexityThreshold: 11 })).toEqual([]);
  });

  it("counts Python branches, boolean operators and handlers, and ignores words in strings", () => {
    const python = [
      "def decide(x):",
      "    if x.a and x.b:",
      "        return 1",
      "    elif x.c or x.d:",
      "        return 2",
      "    for item in x.items:",
      "        try:",
      "            use(item)",
      "        except ValueError:",
      "            pass",
      '    return "if and or while"',
    ];
    const [finding] = ruleFindings("app/decide.py", python, "complexity/cyclomatic", { complexityThreshold: 5 });
    expect(finding!.message).toMatch(/about 7 /);
  });

  it("counts Go branches", () => {
    const go = ["func pick(a, b int) int {", "\tif a > 0 && b > 0 {", "\t\treturn 1", "\t}", "\tfor i := 0; i < a; i++ {", "\t\tif i == b || i == a {", "\t\t\treturn i", "\t\t}", "\t}", "\treturn 0", "}"];
    const [finding] = ruleFindings("pkg/pick.go", go, "complexity/cyclomatic", { complexityThreshold: 4 });
    expect(finding!.message).toMatch(/about 6 /);
  });
});

describe("quality/deep-nesting and quality/long-function", () => {
  it("reports the deepest added line past the nesting limit", () => {
    const nested = ["function f(a) {", "  if (a) {", "    for (;;) {", "      while (a) {", "        if (a.b) {", "          if (a.c) {", "            go();", "          }", "        }", "      }", "    }", "  }", "}"];
    const [finding] = ruleFindings("src/f.ts", nested, "quality/deep-nesting", { maxNestingDepth: 4 });
    expect(finding).toMatchObject({ line: 7, evidence: "function f(a) {" });
    expect(ruleFindings("src/f.ts", nested, "quality/deep-nesting", { maxNestingDepth: 5 })).toEqual([]);
  });

  it("reports a function that gains more lines than allowed", () => {
    const long = ["def long():", ...Array.from({ length: 12 }, (_, i) => `    step_${i}()`)];
    expect(ruleFindings("app/long.py", long, "quality/long-function", { maxFunctionLines: 10 })).toHaveLength(1);
    expect(ruleFindings("app/long.py", long, "quality/long-function", { maxFunctionLines: 20 })).toEqual([]);
  });
});
