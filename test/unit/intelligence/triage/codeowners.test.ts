import { describe, expect, it } from "vitest";
import { ownersOf, parseCodeowners } from "../../../../src/intelligence/triage/codeowners";

const CODEOWNERS = `
# Default owners
*       @global-owner
*.js    @js-owner  # inline comment
/docs/* @docs-owner
apps/   @apps-owner
/build/logs/ @logs-owner
src/auth/ @octo-org/auth-team @alice
src/auth/session.ts @bob
`;
const rules = parseCodeowners(CODEOWNERS);
const owners = (path: string) => ownersOf(path, rules)?.owners ?? [];

describe("CODEOWNERS", () => {
  it("lets the last matching pattern win", () => {
    expect(owners("src/auth/session.ts")).toEqual(["@bob"]);
    expect(owners("src/auth/token.ts")).toEqual(["@octo-org/auth-team", "@alice"]);
    expect(owners("README.md")).toEqual(["@global-owner"]);
    expect(owners("lib/index.js")).toEqual(["@js-owner"]);
  });

  it("matches docs/* only for files directly in docs", () => {
    expect(owners("docs/getting-started.md")).toEqual(["@docs-owner"]);
    expect(owners("docs/build-app/troubleshooting.md")).toEqual(["@global-owner"]);
  });

  it("matches a directory pattern without a leading slash at any depth", () => {
    expect(owners("apps/web/main.ts")).toEqual(["@apps-owner"]);
    expect(owners("packages/x/apps/main.ts")).toEqual(["@apps-owner"]);
  });

  it("anchors a pattern with a leading slash at the root", () => {
    expect(owners("build/logs/today.txt")).toEqual(["@logs-owner"]);
    expect(owners("other/build/logs/today.txt")).toEqual(["@global-owner"]);
  });

  it("skips comments, blank lines and unsupported negations", () => {
    expect(parseCodeowners("# only a comment\n\n!secret.txt @x\n")).toEqual([]);
    expect(rules.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("finds no owner when nothing matches", () => {
    expect(ownersOf("src/x.ts", parseCodeowners("docs/ @d"))).toBeNull();
  });
});
