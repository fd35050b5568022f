import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import { fingerprint } from "../../../../src/intelligence/analysis/fingerprint";
import { changedFile } from "../snippet";

describe("fingerprint", () => {
  it("is 16 hex digits, differs by rule, path and evidence, and ignores whitespace differences", () => {
    const base = fingerprint("security/eval", "a.js", "eval(x)");
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint("security/eval", "a.js", "  eval(x)\t")).toBe(base);
    expect(fingerprint("security/eval", "b.js", "eval(x)")).not.toBe(base);
    expect(fingerprint("security/xss", "a.js", "eval(x)")).not.toBe(base);
    expect(fingerprint("security/eval", "a.js", "eval(y)")).not.toBe(base);
  });

  it("stays the same when the finding's line moves between pushes", () => {
    const line = "  const out = eval(userInput);";
    const first = analyzeChanges([changedFile("src/run.js", [line], ["// header"])]).findings;
    const moved = analyzeChanges([changedFile("src/run.js", ["", "", line], ["// header", "import x from 'y';"], 20)]).findings;
    expect(first[0]!.line).not.toBe(moved[0]!.line);
    expect(moved[0]!.fingerprint).toBe(first[0]!.fingerprint);
  });
});
