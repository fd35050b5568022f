import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { COMPARE_FILES_CAP, compareCommits } from "../../../src/github/compare-commits";
import { FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

/** A main branch of one commit and a pull request branch of two on top of it. */
function history(github: FakeGitHub) {
  const given = givenRepository(github);
  const { repo } = given;
  const root = repo.commit({ files: { "src/a.ts": "export const a = 1;" } });
  const first = repo.commit({ branch: "feature", parents: [root], files: { "src/a.ts": "export const a = 2;" } });
  const second = repo.commit({ branch: "feature", files: { "src/b.ts": "export const b = 1;\nexport const c = 2;" } });
  return { ...given, root, first, second };
}

describe("compareCommits", () => {
  it("tells a push that builds on the reviewed commit: base is an ancestor, with the files changed since", async () => {
    const { ref, root, first, second } = history(github);

    const since = await compareCommits(bindings, ref, first, second);
    expect(since).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1, merge_base_commit: { sha: first }, baseIsAncestor: true, truncated: false });
    expect(since.files).toEqual([{ filename: "src/b.ts", status: "added", additions: 2, deletions: 0, changes: 2, patch: "@@ -0,0 +1,2 @@\n+export const b = 1;\n+export const c = 2;" }]);

    const whole = await compareCommits(bindings, ref, root, second);
    expect(whole.files.map((f) => [f.filename, f.status])).toEqual([["src/a.ts", "modified"], ["src/b.ts", "added"]]);
  });

  it("says identical for the same commit, with no files", async () => {
    const { ref, second } = history(github);
    expect(await compareCommits(bindings, ref, second, second)).toMatchObject({ status: "identical", ahead_by: 0, behind_by: 0, baseIsAncestor: true, files: [] });
  });

  it("tells a force push: the reviewed commit is no longer an ancestor of the new head", async () => {
    const { repo, ref, root, second } = history(github);
    // The branch is rewritten from the root: the reviewed commit `second` is left behind.
    const rewritten = repo.commit({ branch: "feature", parents: [root], files: { "src/c.ts": "export const c = 3;" } });

    const comparison = await compareCommits(bindings, ref, second, rewritten);

    expect(comparison).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 2, merge_base_commit: { sha: root }, baseIsAncestor: false });
    expect(comparison.files.map((f) => f.filename)).toEqual(["src/c.ts"]);
  });

  it("says behind when the head is older than the base", async () => {
    const { ref, first, second } = history(github);
    expect(await compareCommits(bindings, ref, second, first)).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 1, baseIsAncestor: false });
  });

  it("asks for one commit per page, since the files come whole on the first, and reports GitHub's 300-file cut", async () => {
    const { repo, ref } = givenRepository(github);
    const root = repo.commit();
    const files = Object.fromEntries(Array.from({ length: 320 }, (_, i) => [`gen/f${i}.ts`, `export const f = ${i};`]));
    const head = repo.commit({ files });

    const comparison = await compareCommits(bindings, ref, root, head);

    expect(comparison.files).toHaveLength(COMPARE_FILES_CAP);
    expect(comparison.truncated).toBe(true);
    expect(github.restCalls(repo, "GET")).toEqual([expect.objectContaining({ path: `/repos/${repo.fullName}/compare/${root}...${head}`, params: { per_page: "1" } })]);
  });

  it("reports a commit GitHub does not have (say, one a force push let it collect) as not found", async () => {
    const { ref, root } = history(github);
    await expect(compareCommits(bindings, ref, "f".repeat(40), root)).rejects.toMatchObject({ code: "GITHUB_NOT_FOUND" });
  });
});
