import { describe, expect, it } from "vitest";
import { analysisOptionsFromConfig } from "../../../../src/intelligence/config/analysis-options";
import { describeProblem } from "../../../../src/intelligence/config/config-problem";
import { parseRepositoryConfig } from "../../../../src/intelligence/config/parse-repository-config";
import { defaultRepositoryConfig } from "../../../../src/intelligence/config/repository-config";
import { createRuleSwitch } from "../../../../src/intelligence/config/rule-switch";
import { DEFAULT_MIN_CONFIDENCE } from "../../../../src/intelligence/triage/triage-input";

describe("parseRepositoryConfig", () => {
  it("gives the defaults, without problems, for a missing or empty file", () => {
    expect(parseRepositoryConfig(null)).toEqual({ config: defaultRepositoryConfig(), problems: [] });
    expect(parseRepositoryConfig("  \n")).toEqual({ config: defaultRepositoryConfig(), problems: [] });
    expect(defaultRepositoryConfig().review).toMatchObject({ enabled: true, fail_on: "high", max_findings: 20, skip_authors: ["*[bot]"] });
  });

  it("reads every section", () => {
    const { config, problems } = parseRepositoryConfig(
      [
        "review:",
        "  fail_on: critical",
        "  min_severity: medium",
        "  ignore: ['docs/generated/**']",
        "  rules: { quality/todo: off, 'security/*': on }",
        "  ai_summary: true",
        "triage:",
        "  assignees: true",
        "  label_map: { bug: 'type: bug' }",
        "  min_confidence: 0.8",
        "commands:",
        "  enabled: false",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(config.review).toMatchObject({ fail_on: "critical", min_severity: "medium", ignore: ["docs/generated/**"], ai_summary: true, max_findings: 20 });
    expect(config.review.rules).toEqual({ "quality/todo": "off", "security/*": "on" });
    expect(config.triage).toMatchObject({ assignees: true, label_map: { bug: "type: bug" }, min_confidence: 0.8, labels: true });
    expect(config.commands.enabled).toBe(false);
  });

  it("defaults triage to the engine's calibrated threshold, and lets each part be switched off", () => {
    expect(defaultRepositoryConfig().triage).toEqual({
      enabled: true, labels: true, priority: true, related: true, assignees: false, comment: true, label_map: {}, min_confidence: DEFAULT_MIN_CONFIDENCE,
    });
    const { config, problems } = parseRepositoryConfig("triage:\n  labels: false\n  priority: false\n  related: false\n  comment: false\ncommands:\n  enabled: false\n");
    expect(problems).toEqual([]);
    expect(config.triage).toMatchObject({ enabled: true, labels: false, priority: false, related: false, assignees: false, comment: false });
    expect(config.commands.enabled).toBe(false);
    expect(parseRepositoryConfig(`triage:\n  label_map: { bug: "${"x".repeat(101)}" }\n`).problems).toEqual([expect.objectContaining({ path: "triage.label_map.bug" })]);
  });

  it("keeps the valid settings and reports each invalid one with its line and column", () => {
    const { config, problems } = parseRepositoryConfig(["review:", "  max_findings: 30", "  fail_on: severe", "  colour: blue", "triage:", "  min_confidence: 2"].join("\n"));
    expect(config.review.max_findings).toBe(30);
    expect(config.review.fail_on).toBe("high");
    expect(config.triage.min_confidence).toBe(DEFAULT_MIN_CONFIDENCE);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "review.fail_on", line: 3, column: 12, message: expect.stringContaining("expected one of info, low, medium, high, critical, none") }),
        expect.objectContaining({ path: "review.colour", line: 4, column: 3, message: expect.stringContaining("unknown setting") }),
        expect.objectContaining({ path: "triage.min_confidence", line: 6, column: 19, message: expect.stringContaining("at most 1") }),
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(describeProblem(problems.find((p) => p.path === "review.fail_on")!)).toMatch(/^review\.fail_on \(line 3, column 12\): expected one of/);
  });

  it("reports broken YAML at its position and falls back to every default", () => {
    const { config, problems } = parseRepositoryConfig("review:\n  ignore: [a, b\n  fail_on: low");
    expect(config).toEqual(defaultRepositoryConfig());
    expect(problems[0]).toMatchObject({ path: "", message: expect.stringContaining("not valid YAML") });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("reports a file that is not a mapping, and a section of the wrong shape", () => {
    expect(parseRepositoryConfig("- review").problems[0]).toMatchObject({ line: 1, message: expect.stringContaining("mapping") });
    const { config, problems } = parseRepositoryConfig("review: yes please\n");
    expect(config.review).toEqual(defaultRepositoryConfig().review);
    expect(problems[0]).toMatchObject({ path: "review", line: 1, column: 9 });
  });
});

describe("rule switches and ignores", () => {
  it("lets the most specific rules key win and leaves unmentioned rules on", () => {
    const enabled = createRuleSwitch({ "security/*": "off", "security/hardcoded-secret": "on", "quality/todo": false });
    expect(enabled("security/eval")).toBe(false);
    expect(enabled("security/hardcoded-secret/github-token")).toBe(true);
    expect(enabled("quality/todo")).toBe(false);
    expect(enabled("quality/debug-output")).toBe(true);
  });

  it("ignores generated and vendored files by default and says which pattern matched", () => {
    const options = analysisOptionsFromConfig(parseRepositoryConfig("review:\n  ignore: ['legacy/**']").config.review);
    expect(options.isIgnored!("web/node_modules/react/index.js")).toContain("**/node_modules/**");
    expect(options.isIgnored!("public/js/app.min.js")).toContain("*.min.js");
    expect(options.isIgnored!("api/v1/service.pb.go")).toContain("*.pb.go");
    expect(options.isIgnored!("src/__generated__/types.ts")).toContain("__generated__");
    expect(options.isIgnored!("package-lock.json")).toContain("package-lock.json");
    expect(options.isIgnored!("legacy/old.py")).toContain("legacy/**");
    expect(options.isIgnored!("src/app.ts")).toBeNull();
    const bare = analysisOptionsFromConfig(parseRepositoryConfig("review:\n  use_default_ignores: false").config.review);
    expect(bare.isIgnored!("dist/app.js")).toBeNull();
  });
});
