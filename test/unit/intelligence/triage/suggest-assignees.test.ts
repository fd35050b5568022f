import { describe, expect, it } from "vitest";
import { suggestAssignees } from "../../../../src/intelligence/triage/suggest-assignees";

const codeowners = "src/auth/ @alice @octo-org/auth-team\nsrc/webhooks/ @carol\n";
const recentAuthors = [
  { path: "src/webhooks/verify-signature.ts", login: "dave" },
  { path: "src/webhooks/verify-signature.ts", login: "dave" },
  { path: "src/webhooks/handler.ts", login: "erin" },
  { path: "src/auth/session.ts", login: "frank" },
  { path: "src/db/schema.ts", login: "gina" },
];

describe("suggestAssignees", () => {
  it("suggests the CODEOWNERS owner and recent authors of a path the issue names", () => {
    const { logins, teams } = suggestAssignees({ text: "Sessions expire early, see `src/auth/session.ts`", author: "zed", codeowners, recentAuthors });
    expect(logins.map((l) => l.login)).toEqual(["alice", "frank"]);
    expect(logins[0]?.reasons[0]).toContain("src/auth/session.ts");
    expect(teams.map((t) => t.login)).toEqual(["octo-org/auth-team"]);
  });

  it("matches an area the issue talks about to a folder by name", () => {
    const { logins } = suggestAssignees({ text: "The webhook handler drops deliveries", author: null, codeowners, recentAuthors });
    expect(logins.map((l) => l.login)).toEqual(["carol", "dave", "erin"]);
    expect(logins[1]?.reasons).toEqual(["2 recent commits under `src/webhooks/`"]);
  });

  it("never suggests the issue's author", () => {
    const { logins } = suggestAssignees({ text: "The webhook handler drops deliveries", author: "Carol", codeowners, recentAuthors });
    expect(logins.map((l) => l.login)).not.toContain("carol");
  });

  it("suggests nobody when the issue names no path or area", () => {
    expect(suggestAssignees({ text: "Please add a dark theme", author: null, codeowners, recentAuthors })).toEqual({ logins: [], teams: [] });
  });

  it("resolves a bare file name to the path the repository has", () => {
    const { logins } = suggestAssignees({ text: "schema.ts has a wrong default", author: null, codeowners: null, recentAuthors });
    expect(logins).toEqual([{ login: "gina", reasons: ["recently committed to `src/db/schema.ts`"] }]);
  });
});
