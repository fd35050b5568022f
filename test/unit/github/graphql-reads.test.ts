import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { GitHubRetryLaterError } from "../../../src/github/rate-limit";
import { fetchCodeowners } from "../../../src/github/queries/codeowners";
import { fetchFileText } from "../../../src/github/queries/file-text";
import { fetchPathAuthors } from "../../../src/github/queries/path-authors";
import { fetchReadme } from "../../../src/github/queries/readme";
import { fetchRecentActivity } from "../../../src/github/queries/recent-activity";
import { fetchRecentIssues } from "../../../src/github/queries/recent-issues";
import { fetchRepositoryMetadata } from "../../../src/github/queries/repository-metadata";
import { FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("fetchRepositoryMetadata", () => {
  it("reads the default branch and its head, languages by size, topics and labels", async () => {
    const { repo, ref } = givenRepository(github);
    const head = repo.commit();
    repo.description = "Payments service";
    repo.primaryLanguage = "Go";
    repo.languages = Array.from({ length: 12 }, (_, i) => ({ name: `Lang${i}`, size: (i + 1) * 100 }));
    repo.topics = ["payments", "api"];
    repo.addLabel("type: bug", "Something is broken").addLabel("kind/feature");

    const metadata = await fetchRepositoryMetadata(bindings, ref);

    expect(metadata).toEqual({
      id: repo.nodeId,
      nameWithOwner: repo.fullName,
      description: "Payments service",
      isFork: false,
      isArchived: false,
      defaultBranch: { name: "main", headOid: head },
      primaryLanguage: "Go",
      languages: Array.from({ length: 10 }, (_, i) => ({ name: `Lang${11 - i}`, size: (12 - i) * 100 })),
      topics: ["payments", "api"],
      labels: [{ name: "kind/feature", description: null }, { name: "type: bug", description: "Something is broken" }],
      labelsTruncated: false,
    });
  });

  it("says when a repository has more labels than the first 100", async () => {
    const { repo, ref } = givenRepository(github);
    for (let i = 0; i < 105; i++) repo.addLabel(`label-${String(i).padStart(3, "0")}`);
    const metadata = await fetchRepositoryMetadata(bindings, ref);
    expect(metadata?.labels).toHaveLength(100);
    expect(metadata?.labelsTruncated).toBe(true);
  });

  it("has no default branch for an empty repository", async () => {
    const { ref } = givenRepository(github);
    expect((await fetchRepositoryMetadata(bindings, ref))?.defaultBranch).toBeNull();
  });

  it("reports a repository the installation cannot see as GitHub's GraphQL refusal", async () => {
    const { ref } = givenRepository(github);
    await expect(fetchRepositoryMetadata(bindings, { ...ref, name: "elsewhere" })).rejects.toMatchObject({ code: "GITHUB_GRAPHQL_ERROR", message: expect.stringContaining("Could not resolve to a Repository") });
  });
});

describe("fetchFileText", () => {
  it("reads the config file at the commit asked for, not at the branch's newest", async () => {
    const { repo, ref } = givenRepository(github);
    const old = repo.commit({ files: { ".github/chittyconnect.yml": "review:\n  enabled: true\n" } });
    const head = repo.commit({ files: { ".github/chittyconnect.yml": "review:\n  enabled: false\n" } });

    expect(await fetchFileText(bindings, ref, old, ".github/chittyconnect.yml")).toEqual({ path: ".github/chittyconnect.yml", text: "review:\n  enabled: true\n", isBinary: false, byteSize: 24, isTruncated: false });
    expect((await fetchFileText(bindings, ref, head, ".github/chittyconnect.yml"))?.text).toBe("review:\n  enabled: false\n");
    expect(github.graphqlCalls().map((c) => c.variables?.file)).toEqual([`${old}:.github/chittyconnect.yml`, `${head}:.github/chittyconnect.yml`]);
  });

  it("answers null for a missing path or a folder, and no text for a binary file", async () => {
    const { repo, ref } = givenRepository(github);
    const head = repo.commit({ files: { "src/index.ts": "export {};", "logo.png": "\u0089PNG\u0000\u0001" } });
    expect(await fetchFileText(bindings, ref, head, ".github/chittyconnect.yml")).toBeNull();
    expect(await fetchFileText(bindings, ref, head, "src")).toBeNull();
    expect(await fetchFileText(bindings, ref, head, "logo.png")).toMatchObject({ text: null, isBinary: true });
  });
});

describe("fetchCodeowners and fetchReadme", () => {
  it("find CODEOWNERS where GitHub looks first, in one query", async () => {
    const { repo, ref } = givenRepository(github);
    const head = repo.commit({ files: { CODEOWNERS: "* @root-owner", "docs/CODEOWNERS": "* @docs-owner", ".github/CODEOWNERS": "* @dot-github-owner" } });
    const rootOnly = repo.commit({ files: { ".github/CODEOWNERS": null } });

    expect(await fetchCodeowners(bindings, ref, head)).toMatchObject({ path: ".github/CODEOWNERS", text: "* @dot-github-owner" });
    expect(await fetchCodeowners(bindings, ref, rootOnly)).toMatchObject({ path: "CODEOWNERS", text: "* @root-owner" });
    expect(github.graphqlCalls()).toHaveLength(2);
    expect(github.graphqlCalls()[0]!.variables).toMatchObject({ dotGithub: `${head}:.github/CODEOWNERS`, root: `${head}:CODEOWNERS`, docs: `${head}:docs/CODEOWNERS` });
  });

  it("find a README under another spelling, and nothing where there is none", async () => {
    const { repo, ref } = givenRepository(github);
    const bare = repo.commit({ files: { "main.go": "package main" } });
    const head = repo.commit({ files: { "readme.md": "# Payments\n\nMoves money." } });
    expect(await fetchReadme(bindings, ref, head)).toMatchObject({ path: "readme.md", text: "# Payments\n\nMoves money." });
    expect(await fetchReadme(bindings, ref, bare)).toBeNull();
    expect(await fetchCodeowners(bindings, ref, bare)).toBeNull();
  });
});

describe("fetchRecentIssues", () => {
  it("reads open and closed issues newest first, 100 to a page with cursors, without pull requests", async () => {
    const { repo, ref } = givenRepository(github);
    const base = repo.commit();
    for (let i = 0; i < 250; i++) repo.addIssue({ title: `Issue ${i}`, body: `Body ${i}`, state: i % 3 ? "open" : "closed", labels: i % 2 ? ["bug"] : [] });
    repo.addPullRequest({ base, head: repo.commit({ branch: "f", parents: [base] }), title: "Not an issue" });

    const issues = await fetchRecentIssues(bindings, ref);

    expect(issues).toHaveLength(250);
    expect(issues[0]).toMatchObject({ number: 250, title: "Issue 249", body: "Body 249", state: "CLOSED", labels: ["bug"] });
    expect(issues[1]).toMatchObject({ number: 249, title: "Issue 248", state: "OPEN", labels: [] });
    expect(issues.at(-1)).toMatchObject({ number: 1, title: "Issue 0", state: "CLOSED", labels: [] });
    expect(issues.some((i) => i.title === "Not an issue")).toBe(false);
    const pages = github.graphqlCalls();
    expect(pages.map((c) => c.variables?.first)).toEqual([100, 100, 100]);
    expect(pages[0]!.variables?.after).toBeNull();
    expect(pages[1]!.variables?.after).toEqual(expect.any(String));
  });

  it("stops at 500 by default, asking for no more than it keeps", async () => {
    const { repo, ref } = givenRepository(github);
    for (let i = 0; i < 540; i++) repo.addIssue({ title: `Issue ${i}` });
    const issues = await fetchRecentIssues(bindings, ref);
    expect(issues).toHaveLength(500);
    expect(issues.at(-1)?.title).toBe("Issue 40");
    expect(github.graphqlCalls()).toHaveLength(5);
    expect((await fetchRecentIssues(bindings, ref, { limit: 150 })).map((i) => i.title).at(-1)).toBe("Issue 390");
    expect(github.graphqlCalls().slice(5).map((c) => c.variables?.first)).toEqual([100, 50]);
  });
});

describe("fetchPathAuthors", () => {
  it("reads who last committed to each path on the default branch, 10 paths per query", async () => {
    const { repo, ref } = givenRepository(github);
    repo.commit({ files: { "src/pay/a.ts": "1" }, author: { login: "alice", name: "Alice" } });
    repo.commit({ files: { "src/pay/b.ts": "2", "README.md": "x" }, author: { login: null, name: "Unmapped Email" } });
    repo.commit({ files: { "src/pay/a.ts": "3" }, author: { login: "bob", name: "Bob" } });
    repo.commit({ branch: "feature", files: { "src/pay/a.ts": "not on main" }, author: { login: "mallory", name: "M" }, parents: [repo.branches.get("main")!] });
    const paths = ["src/pay", "src/pay/a.ts", "README.md", ...Array.from({ length: 9 }, (_, i) => `nobody/${i}.ts`)];

    const authors = await fetchPathAuthors(bindings, ref, paths);

    expect(authors.get("src/pay/a.ts")?.map((a) => a.login)).toEqual(["bob", "alice"]);
    expect(authors.get("src/pay")?.map((a) => a.login)).toEqual(["bob", null, "alice"]);
    expect(authors.get("README.md")).toEqual([{ login: null, name: "Unmapped Email", committedDate: expect.any(String) }]);
    expect(authors.get("nobody/8.ts")).toEqual([]);
    const calls = github.graphqlCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.variables).toMatchObject({ path0: "nobody/7.ts", include0: true, path1: "nobody/8.ts", include1: true, path2: null, include2: false });
  });

  it("gives every path an empty list in an empty repository", async () => {
    const { ref } = givenRepository(github);
    expect([...(await fetchPathAuthors(bindings, ref, ["a", "b"])).values()]).toEqual([[], []]);
  });
});

describe("fetchRecentActivity", () => {
  it("counts commits on the default branch and pull requests and issues created in the last 30 days", async () => {
    const { repo, ref } = givenRepository(github);
    const day = 24 * 3600_000;
    const now = Date.parse("2026-04-30T12:00:00Z");
    const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();
    const old = repo.commit({ date: at(45) });
    repo.commit({ date: at(20) });
    repo.commit({ date: at(2) });
    repo.addIssue({ title: "old", createdAt: at(40) });
    repo.addIssue({ title: "new", createdAt: at(3) });
    repo.addIssue({ title: "newer", createdAt: at(1) });
    repo.addPullRequest({ base: old, head: repo.commit({ branch: "f", parents: [old], date: at(5) }), createdAt: at(5) });

    const activity = await fetchRecentActivity(bindings, ref, { now });

    expect(activity).toEqual({ since: "2026-03-31T00:00:00Z", commits: 2, pullRequests: 1, issues: 2 });
    expect(github.graphqlCalls()[0]!.variables).toMatchObject({
      pullRequests: `repo:${repo.fullName} is:pr created:>=2026-03-31`,
      issues: `repo:${repo.fullName} is:issue created:>=2026-03-31`,
    });
  });
});

describe("the GraphQL budget", () => {
  it("stops reading once GitHub reports the installation's budget low, without calling again", async () => {
    const { repo, ref } = givenRepository(github);
    repo.commit();
    github.graphqlRemaining = 20;
    await fetchRepositoryMetadata(bindings, ref);
    await expect(fetchRecentIssues(bindings, ref)).rejects.toBeInstanceOf(GitHubRetryLaterError);
    expect(github.graphqlCalls().map((c) => c.operation)).toEqual(["RepositoryMetadata"]);
  });
});
