import { describe, expect, it } from "vitest";
import { classifyIssue, type TypeScore } from "../../../../src/intelligence/triage/classify-issue";
import type { IssueType } from "../../../../src/intelligence/triage/issue-type";

function score(scores: TypeScore[], type: IssueType): TypeScore {
  const found = scores.find((s) => s.type === type);
  if (found === undefined) throw new Error(`no score for ${type}`);
  return found;
}

describe("classifyIssue", () => {
  it("reads a bug report from its template sections and a Python stack trace", () => {
    const scores = classifyIssue("Import fails on Windows", [
      "### Steps to reproduce", "1. pip install foo", "2. import foo", "### Expected behavior", "It imports.",
      "```", "Traceback (most recent call last):", '  File "app.py", line 3, in <module>', "ImportError: DLL load failed", "```",
    ].join("\n"));
    expect(scores[0]?.type).toBe("bug");
    expect(score(scores, "bug").evidence).toEqual(expect.arrayContaining(["stack trace (Python)", 'template section "Steps to reproduce"']));
  });

  it.each([
    ["JavaScript", "TypeError: x is undefined\n    at render (src/app.js:10:5)\n    at main (src/index.js:3:1)"],
    ["Java", 'Exception in thread "main" java.lang.NullPointerException\n\tat com.acme.App.run(App.java:42)'],
    ["Go", "panic: runtime error: index out of range\n\ngoroutine 1 [running]:\nmain.main()"],
    ["Ruby", "app.rb:12:in `call': undefined method `x' (NoMethodError)\n\tfrom app.rb:20:in `<main>'"],
    ["Rust", "thread 'main' panicked at 'index out of bounds', src/main.rs:4:5"],
  ])("recognises a %s stack trace", (language, trace) => {
    expect(score(classifyIssue("It stops", `\`\`\`\n${trace}\n\`\`\``), "bug").evidence).toContain(`stack trace (${language})`);
  });

  it("ignores the instructions an issue template leaves in HTML comments", () => {
    const scores = classifyIssue("Add a --json flag", "<!-- Please describe the bug and the steps to reproduce -->\nIt would be nice to print JSON.");
    expect(score(scores, "bug").confidence).toBe(0);
    expect(scores[0]?.type).toBe("feature");
  });

  it("reads a feature request from its template section", () => {
    const scores = classifyIssue("Export to CSV", "**Is your feature request related to a problem?**\nI copy tables by hand.\n**Describe the solution you'd like**\nA button.");
    expect(scores[0]?.type).toBe("feature");
    expect(score(scores, "feature").evidence).toContain('template section "Is your feature request related to a problem"');
  });

  it("reads a documentation issue from its title", () => {
    const scores = classifyIssue("docs: the README still shows the old config format", "");
    expect(scores[0]).toMatchObject({ type: "documentation" });
    expect(scores[0]?.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("reads a question from how-do-I phrasing and question marks", () => {
    const scores = classifyIssue("How do I run two instances on one machine?", "Is there a way to pick the port?");
    expect(scores[0]?.type).toBe("question");
    expect(score(scores, "question").evidence.join(" ")).toMatch(/question phrasing/);
  });

  it("names CVE and XSS wording as security evidence without applying on wording alone", () => {
    const security = score(classifyIssue("Stored XSS in comments (CVE-2024-12345)", "An attacker can run script in other users' sessions."), "security");
    expect(security.evidence.join(" ")).toMatch(/vulnerability wording/);
    expect(security.confidence).toBeGreaterThan(0.3);
    expect(score(classifyIssue("[Security] token printed in logs", "An attacker with log access can reuse it."), "security").confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("reads a performance problem from slowness and timings", () => {
    const scores = classifyIssue("Search is slow on large repositories", "Each query takes 12 seconds and CPU usage stays at 100% CPU.");
    expect(scores[0]?.type).toBe("performance");
    expect(score(scores, "performance").evidence.join(" ")).toMatch(/performance wording/);
  });

  it("gives every type zero confidence when the text says nothing about any", () => {
    expect(classifyIssue("Flat config", "").every((s) => s.confidence === 0 && s.evidence.length === 0)).toBe(true);
  });
});
