import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { listPullRequestFiles, PULL_REQUEST_FILES_CAP } from "../../../src/github/list-pull-request-files";
import { FakeGitHub, givenRepository, type FakeFileChange } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

const manyFiles = (n: number): FakeFileChange[] =>
  Array.from({ length: n }, (_, i) => ({ filename: `src/file-${i}.ts`, status: "added", patch: `@@ -0,0 +1,1 @@\n+export const n${i} = ${i};` }));

describe("listPullRequestFiles", () => {
  it("reads 250 files in 3 pages of at most 100, following GitHub's Link header", async () => {
    const { repo, ref } = givenRepository(github);
    const base = repo.commit();
    const pull = repo.addPullRequest({ base, head: repo.commit({ branch: "feature", parents: [base] }), files: manyFiles(250) });

    const { files, truncated } = await listPullRequestFiles(bindings, { ...ref, number: pull.number });

    expect(files.map((f) => f.filename)).toEqual(manyFiles(250).map((f) => f.filename));
    expect(truncated).toBe(false);
    const pages = github.restCalls(repo, "GET");
    expect(pages.map((c) => c.params)).toEqual([1, 2, 3].map((page) => ({ per_page: "100", page: String(page) })));
    expect(files[249]).toEqual({ filename: "src/file-249.ts", status: "added", additions: 1, deletions: 0, changes: 1, patch: "@@ -0,0 +1,1 @@\n+export const n249 = 249;" });
  });

  it("stops at GitHub's 3,000-file cap and says the list is truncated", async () => {
    const { repo, ref } = givenRepository(github);
    const base = repo.commit();
    const pull = repo.addPullRequest({ base, head: repo.commit({ branch: "huge", parents: [base] }), files: manyFiles(3_100) });

    const { files, truncated } = await listPullRequestFiles(bindings, { ...ref, number: pull.number });

    expect(files).toHaveLength(PULL_REQUEST_FILES_CAP);
    expect(files.at(-1)?.filename).toBe("src/file-2999.ts");
    expect(truncated).toBe(true);
    expect(github.restCalls(repo, "GET")).toHaveLength(30);
  });

  it("keeps a rename's previous name and leaves out the patch GitHub does not send for a binary file", async () => {
    const { repo, ref } = givenRepository(github);
    const base = repo.commit();
    const pull = repo.addPullRequest({
      base,
      head: repo.commit({ branch: "rename", parents: [base] }),
      files: [
        { filename: "docs/new-name.md", previous_filename: "docs/old-name.md", status: "renamed", patch: "@@ -1 +1 @@\n-old\n+new" },
        { filename: "assets/logo.png", status: "added", additions: 0, deletions: 0 },
      ],
    });

    const { files } = await listPullRequestFiles(bindings, { ...ref, number: pull.number });

    expect(files).toEqual([
      { filename: "docs/new-name.md", previous_filename: "docs/old-name.md", status: "renamed", additions: 1, deletions: 1, changes: 2, patch: "@@ -1 +1 @@\n-old\n+new" },
      { filename: "assets/logo.png", status: "added", additions: 0, deletions: 0, changes: 0 },
    ]);
  });

  it("reports a pull request GitHub does not have as not found", async () => {
    const { ref } = givenRepository(github);
    await expect(listPullRequestFiles(bindings, { ...ref, number: 999 })).rejects.toMatchObject({ code: "GITHUB_NOT_FOUND" });
  });
});
