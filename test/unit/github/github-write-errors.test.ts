import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { addIssueLabels } from "../../../src/github/add-issue-labels";
import { createIssueComment, updateIssueComment } from "../../../src/github/issue-comments";
import { GitHubRetryLaterError } from "../../../src/github/rate-limit";
import { fetchRecentIssues } from "../../../src/github/queries/recent-issues";
import { FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function issue() {
  const given = givenRepository(github);
  const number = given.repo.addIssue({ title: "Crash" }).number;
  return { ...given, number, comments: `POST /repos/${given.repo.fullName}/issues/${number}/comments` };
}

describe("GitHub's refusals of a write", () => {
  it("wait as long as a 429 asks, retryable, instead of counting as forbidden", async () => {
    const { ref, number, comments } = issue();
    github.fail(comments, { status: 429, headers: { "retry-after": "42" }, body: { message: "Too many requests" } });
    const error = await createIssueComment(bindings, ref, number, "hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRetryLaterError);
    expect(error).toMatchObject({ delaySeconds: 42, retryable: true });
  });

  it("wait at least a minute after a secondary rate limit's 403, which is not a missing permission", async () => {
    const { repo, ref, number } = issue();
    github.fail(`POST /repos/${repo.fullName}/issues/${number}/labels`, {
      status: 403,
      body: { message: "You have exceeded a secondary rate limit and have been temporarily blocked from content creation." },
    });
    const error = await addIssueLabels(bindings, ref, number, ["bug"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GITHUB_RATE_LIMITED", delaySeconds: 60, retryable: true });
  });

  it("refresh a token GitHub refuses with 401 once, and write once", async () => {
    const { repo, ref, number } = issue();
    await createIssueComment(bindings, ref, number, "first");
    github.revokeTokens();

    await createIssueComment(bindings, ref, number, "second");

    const posts = github.restCalls(repo, "POST");
    expect(posts).toHaveLength(3);
    expect(posts[1]!.authorization).not.toBe(posts[2]!.authorization);
    expect(github.commentsOn(repo, number).map((c) => c.body)).toEqual(["first", "second"]);
  });

  it("report a 422 as a rejected write, with GitHub's reasons, not retried", async () => {
    const { ref, number, comments } = issue();
    github.fail(comments, { status: 422, body: { message: "Validation Failed", errors: [{ resource: "IssueComment", code: "custom", field: "body", message: "body is too long" }] } });
    const error = await createIssueComment(bindings, ref, number, "x").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "GITHUB_WRITE_REJECTED", retryable: false, githubErrors: [{ field: "body", message: "body is too long" }] });
  });

  it("retry an update once after a 502, since sending the same body twice is harmless, but never a create", async () => {
    const { repo, ref, number, comments } = issue();
    const comment = await createIssueComment(bindings, ref, number, "v1");
    github.fail(`PATCH /repos/${repo.fullName}/issues/comments/${comment.id}`, { status: 502 });
    expect((await updateIssueComment(bindings, ref, comment.id, "v2")).body).toBe("v2");
    expect(github.restCalls(repo, "PATCH")).toHaveLength(2);

    github.fail(comments, { status: 502 });
    await expect(createIssueComment(bindings, ref, number, "v3")).rejects.toMatchObject({ retryable: true });
    expect(github.restCalls(repo, "POST")).toHaveLength(2);
    expect(github.commentsOn(repo, number)).toHaveLength(1);
  });

  it("refuse a comment over GitHub's 65,536 characters without sending it", async () => {
    const { repo, ref, number } = issue();
    await expect(createIssueComment(bindings, ref, number, "x".repeat(65_537))).rejects.toMatchObject({ code: "GITHUB_WRITE_INVALID" });
    expect(github.restCalls(repo)).toEqual([]);
  });
});

describe("GitHub's refusals of a GraphQL read", () => {
  it("wait out a 429 and do not report it as a GraphQL error", async () => {
    const { ref } = issue();
    github.fail("POST /graphql", { status: 429, headers: { "retry-after": "7" }, body: { message: "slow down" } });
    await expect(fetchRecentIssues(bindings, ref)).rejects.toMatchObject({ code: "GITHUB_RATE_LIMITED", delaySeconds: 7 });
  });
});
