import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { isThisApp } from "../../../src/github/authorship";
import { listIssueComments } from "../../../src/github/issue-comments";
import { upsertStickyComment } from "../../../src/github/upsert-sticky-comment";
import { FAKE_APP, FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
const MARKER = "<!-- chittyconnect:review -->";
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function pullRequest() {
  const given = givenRepository(github);
  const base = given.repo.commit();
  const pull = given.repo.addPullRequest({ base, head: given.repo.commit({ branch: "f", parents: [base] }) });
  return { ...given, number: pull.number };
}

describe("upsertStickyComment", () => {
  it("creates the comment once, then updates that same comment", async () => {
    const { repo, ref, number } = pullRequest();

    const first = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nFirst review`);
    const second = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nSecond review`);

    expect(first).toMatchObject({ created: true, html_url: `https://github.test/${repo.fullName}/pull/${number}#issuecomment-${first.id}` });
    expect(second).toEqual({ id: first.id, html_url: first.html_url, created: false });
    const comments = github.commentsOn(repo, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ body: `${MARKER}\nSecond review`, user: { login: FAKE_APP.botLogin }, app: { id: FAKE_APP.id } });
  });

  it("puts the marker first when the body lacks it, so the comment is found again", async () => {
    const { repo, ref, number } = pullRequest();
    await upsertStickyComment(bindings, ref, number, MARKER, "Review");
    await upsertStickyComment(bindings, ref, number, MARKER, "Review again");
    expect(github.commentsOn(repo, number).map((c) => c.body)).toEqual([`${MARKER}\nReview again`]);
  });

  it("never takes a person's comment that quotes the marker, nor another App's", async () => {
    const { repo, ref, number } = pullRequest();
    const quoted = github.addComment(repo, number, `> ${MARKER}\n> Why does the bot say this?`, { login: "alice" });
    const otherApp = github.addComment(repo, number, `${MARKER}\nfrom a look-alike`, { login: "other-bot[bot]" });
    otherApp.app = { id: FAKE_APP.id + 1, slug: "other-bot" };

    const ours = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nReview`);
    await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nReview 2`);

    expect(ours.created).toBe(true);
    expect(github.commentsOn(repo, number).map((c) => [c.id, c.body])).toEqual([
      [quoted.id, `> ${MARKER}\n> Why does the bot say this?`],
      [otherApp.id, `${MARKER}\nfrom a look-alike`],
      [ours.id, `${MARKER}\nReview 2`],
    ]);
  });

  it("finds its comment behind two pages of other comments", async () => {
    const { repo, ref, number } = pullRequest();
    const ours = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nv1`);
    for (let i = 0; i < 230; i++) github.addComment(repo, number, `comment ${i}`, { login: "bob" });
    // Move ours to the end of the conversation, as if written after all the others.
    const mine = github.comments.get(ours.id)!;
    github.comments.delete(ours.id);
    mine.id = 2_100_000_000 + Math.floor(Math.random() * 1e6);
    github.comments.set(mine.id, mine);

    const updated = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nv2`);

    expect(updated).toMatchObject({ id: mine.id, created: false });
    expect(github.restCalls(repo, "GET").filter((c) => c.path.endsWith("/comments")).slice(-3).map((c) => c.params?.page)).toEqual(["1", "2", "3"]);
    expect(github.commentsOn(repo, number)).toHaveLength(231);
  });

  it("does not write at all when the comment already says the same", async () => {
    const { repo, ref, number } = pullRequest();
    await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nsame`);
    await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nsame`);
    expect(github.restCalls(repo).map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("creates a new one when its comment was deleted between the read and the write", async () => {
    const { repo, ref, number } = pullRequest();
    const first = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nv1`);
    github.fail(`PATCH /repos/${repo.fullName}/issues/comments/${first.id}`, { status: 404, body: { message: "Not Found" } });

    const result = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nv2`);

    expect(result).toMatchObject({ created: true });
    expect(result.id).not.toBe(first.id);
    expect(github.restCalls(repo).map((c) => c.method)).toEqual(["GET", "POST", "GET", "PATCH", "POST"]);
  });

  it("can tell its comments by the bot's login instead of the App id", async () => {
    const { repo, ref, number } = pullRequest();
    const written = github.addComment(repo, number, `${MARKER}\nold`, { login: FAKE_APP.botLogin });
    const result = await upsertStickyComment(bindings, ref, number, MARKER, `${MARKER}\nnew`, { isOurs: isThisApp({ botLogin: FAKE_APP.botLogin }) });
    expect(result).toMatchObject({ id: written.id, created: false });
  });

  it("turns GitHub's 403 on a fork's pull request into GITHUB_WRITE_FORBIDDEN, tried once and not retryable", async () => {
    const { repo, ref, number } = pullRequest();
    github.fail(`POST /repos/${repo.fullName}/issues/${number}/comments`, {
      status: 403,
      body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment" },
      headers: { "x-accepted-github-permissions": "issues=write; pull_requests=write" },
    });

    const error = await upsertStickyComment(bindings, ref, number, MARKER, "review").catch((e: unknown) => e);

    expect(error).toMatchObject({ code: "GITHUB_WRITE_FORBIDDEN", retryable: false, acceptedPermissions: "issues=write; pull_requests=write" });
    expect((error as Error).message).toContain(`commenting on ${repo.fullName}#${number}`);
    expect(github.restCalls(repo, "POST")).toHaveLength(1);
    expect(github.commentsOn(repo, number)).toEqual([]);
  });

  it("is refused by an installation without issues or pull_requests write", async () => {
    const { repo, ref } = givenRepository(github, { permissions: { metadata: "read", issues: "read", checks: "write" } });
    const issue = repo.addIssue({ title: "Crash on start" });
    await expect(upsertStickyComment(bindings, ref, issue.number, MARKER, "triage")).rejects.toMatchObject({ code: "GITHUB_WRITE_FORBIDDEN", acceptedPermissions: "issues=write" });
  });
});

describe("listIssueComments", () => {
  it("says who wrote each comment: the App by its id, a person by login", async () => {
    const { repo, ref, number } = pullRequest();
    github.addComment(repo, number, "LGTM", { login: "alice" });
    await upsertStickyComment(bindings, ref, number, MARKER, "review");
    const { comments, complete } = await listIssueComments(bindings, ref, number);
    expect(complete).toBe(true);
    expect(comments.map((c) => c.author)).toEqual([{ login: "alice", appId: null }, { login: FAKE_APP.botLogin, appId: FAKE_APP.id }]);
  });
});
