import { describe, expect, it } from "vitest";
import { resolveTypeLabels } from "../../../../src/intelligence/triage/label-names";

const names = (...n: string[]) => n.map((name) => ({ name }));

describe("resolveTypeLabels", () => {
  it.each([
    [["bug", "enhancement", "docs", "question", "security", "perf"], ["bug", "enhancement", "docs", "question", "security", "perf"]],
    [["type: bug", "type: feature", "type: documentation", "type: question", "type: security", "type: performance"], ["type: bug", "type: feature", "type: documentation", "type: question", "type: security", "type: performance"]],
    [["kind/bug", "kind/feature", "kind/documentation", "kind/support", "kind/security", "kind/performance"], ["kind/bug", "kind/feature", "kind/documentation", "kind/support", "kind/security", "kind/performance"]],
    [["Type: Bug", "Type: Enhancement", "Type: Docs", "Type: Question", "Type: Security", "Type: Performance"], ["Type: Bug", "Type: Enhancement", "Type: Docs", "Type: Question", "Type: Security", "Type: Performance"]],
    [["🐛 bug", "✨ feature request", "📝 documentation", "❓ question", "🔒 security", "⚡ performance"], ["🐛 bug", "✨ feature request", "📝 documentation", "❓ question", "🔒 security", "⚡ performance"]],
    [["C-bug", "type/feature", "documentation", "support", "security", "performance"], ["C-bug", "type/feature", "documentation", "support", "security", "performance"]],
  ])("maps the six types onto %j", (labels, expected) => {
    const resolved = resolveTypeLabels(names(...labels), {});
    expect(["bug", "feature", "documentation", "question", "security", "performance"].map((t) => resolved.get(t as never))).toEqual(expected);
  });

  it("prefers the canonical name when a repository has several candidates", () => {
    expect(resolveTypeLabels(names("feature request", "enhancement", "feature"), {}).get("feature")).toBe("enhancement");
  });

  it("leaves out types the repository has no label for instead of inventing one", () => {
    const resolved = resolveTypeLabels(names("bug", "wontfix", "help wanted", "good first issue"), {});
    expect([...resolved.keys()]).toEqual(["bug"]);
  });

  it("recognises a renamed label by GitHub's default description", () => {
    const resolved = resolveTypeLabels([{ name: "🪲", description: "Something isn't working" }], {});
    expect(resolved.get("bug")).toBe("🪲");
  });

  it("lets label_map override the mapping, but only with labels the repository has", () => {
    const resolved = resolveTypeLabels(names("bug", "defect", "Feature"), { bug: "DEFECT", feature: "idea" });
    expect(resolved.get("bug")).toBe("defect");
    expect(resolved.has("feature")).toBe(false);
  });
});
