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
    ["Dart", "#0      main (file:///app/bin/main.dart:3:5)\n#1      _startIsolate (dart:isolate-patch/isolate_patch.dart:301:19)"],
    ["Android", "E/AndroidRuntime( 1234): FATAL EXCEPTION: main"],
    ["Swift", "Fatal error: Unexpectedly found nil while unwrapping: file App/View.swift, line 42"],
    ["native", "#0  0x00007ffff7a42428 in raise () from /lib/x86_64-linux-gnu/libc.so.6\n#1  0x00007ffff7a4402a in abort ()"],
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

  it("lets a title marker outweigh another type's template sections", () => {
    const body = "### Reproducible Example\n```python\ndf.groupby('a').sum()\n```\n### Expected behavior\nAs fast as 1.5; it takes 12 seconds now.";
    const marked = classifyIssue("PERF: groupby.sum is slow on wide frames", body);
    const unmarked = classifyIssue("groupby.sum is slow on wide frames", body);
    expect(marked[0]?.type).toBe("performance");
    expect(score(marked, "bug").confidence).toBeLessThan(score(unmarked, "bug").confidence);
    expect(score(marked, "bug").confidence).toBeLessThan(0.75);
  });

  it("keeps a title without a body or a marker below the threshold, whatever it says", () => {
    expect(score(classifyIssue("Add documentation for the REST API", ""), "documentation").confidence).toBeLessThan(0.75);
    expect(score(classifyIssue("Add documentation for the REST API", "Nothing explains the endpoints."), "documentation").confidence).toBeGreaterThanOrEqual(0.75);
    expect(score(classifyIssue("[Feature] Add dark mode to the settings page", ""), "feature").confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("reads how a title starts after its tags and component prefix", () => {
    expect(score(classifyIssue("TimeSeries: allow toggling the legend", ""), "feature").evidence.join(" ")).toMatch(/request phrased as a change in title: "allow"/);
    expect(score(classifyIssue("[Rust] Implement lifetime error messages", ""), "feature").evidence.join(" ")).toMatch(/"Implement"/);
  });

  it("takes a colon for a title prefix only when a space or the end follows it", () => {
    // `tokio::spawn_blocking` once read as the prefix "Add abstraction for `tokio:", which hid the "Add".
    expect(score(classifyIssue("Add abstraction for `tokio::spawn_blocking`", ""), "feature").evidence.join(" ")).toMatch(/request phrased as a change in title: "Add"/);
    // A title that starts with the request and then a colon still reads as the request…
    expect(score(classifyIssue("allow retries: true to be set per job", ""), "feature").evidence.join(" ")).toMatch(/"allow"/);
    // …but a component prefix that happens to be a verb is not one.
    expect(score(classifyIssue("make: *** No rule to make target", ""), "feature").confidence).toBe(0);
    expect(score(classifyIssue("Display: window flickers on resize", ""), "feature").confidence).toBe(0);
  });

  it("reads a title in the imperative as a change asked for, but not a fix", () => {
    expect(score(classifyIssue("Validate webhook URLs before saving", ""), "feature").evidence.join(" ")).toMatch(/change asked for in the imperative/);
    expect(score(classifyIssue("More shortcuts for the editor", ""), "feature").confidence).toBeGreaterThan(0.3);
    expect(score(classifyIssue("Fix the login redirect", ""), "feature").confidence).toBe(0);
    // A first word that names a thing, in a title that says something failed, asks for nothing.
    for (const title of ["Upgrade from 1.4 to 1.5 breaks login", "Test failures on Windows", "Remove button does nothing", "Custom domain not working"]) {
      const scores = classifyIssue(title, "");
      expect(score(scores, "feature").confidence, title).toBe(0);
      expect(scores[0]?.type, title).toBe("bug");
    }
  });

  it("does not read a quoted limitation in a bug report as a feature request", () => {
    const scores = classifyIssue("Login fails on Safari", "The console says this browser does not support WebAuthn, so sign-in never completes.");
    expect(scores[0]?.type).toBe("bug");
    expect(score(scores, "feature").confidence).toBe(0);
  });

  it("hears a request in asking for a way to do something, or for plans to support it", () => {
    expect(classifyIssue("Tray icon position", "I need a way to read where the tray icon is.")[0]?.type).toBe("feature");
    expect(score(classifyIssue("Unknown categories", "Do you have any plans to handle unknown values?"), "feature").evidence.join(" ")).toMatch(/request wording/);
  });

  it("reads slow start-up as performance, but applies it only with a marker", () => {
    const scores = classifyIssue("Investigate long startup times", "Since 2.1 the app takes a long time to start.");
    expect(scores[0]?.type).toBe("performance");
    expect(score(scores, "performance").confidence).toBeLessThan(0.75);
    expect(score(classifyIssue("perf: long startup times", "Since 2.1 the app takes a long time to start."), "performance").confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("does not take a user profile for profiling", () => {
    expect(score(classifyIssue("Avatar missing on the profile page", "Open your user profile and the avatar is gone."), "performance").confidence).toBe(0);
  });

  it("names an open redirect as vulnerability wording", () => {
    expect(score(classifyIssue("Open redirect via the next parameter", ""), "security").evidence.join(" ")).toMatch(/vulnerability wording/);
  });

  it("hears a question asked after the problem is stated", () => {
    const scores = classifyIssue("Pod Pending, how to solve it", "The pod stays in Pending.");
    expect(scores[0]?.type).toBe("question");
  });

  it("reads a request for documentation and a request for clearer diagnostics", () => {
    expect(classifyIssue("Document the REST endpoints", "")[0]?.type).toBe("documentation");
    expect(classifyIssue("Misleading error message from the borrow checker", "The message points at the wrong line.")[0]?.type).toBe("feature");
  });

  it("gives every type zero confidence when the text says nothing about any", () => {
    expect(classifyIssue("Flat config", "").every((s) => s.confidence === 0 && s.evidence.length === 0)).toBe(true);
  });
});
