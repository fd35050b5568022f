import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { addCommentReaction, type Reaction } from "../../../src/github/add-comment-reaction";
import { FAKE_APP, FakeGitHub, givenRepository } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

describe("addCommentReaction", () => {
  it("reacts to a command once: GitHub answers 201, then 200 with the same reaction", async () => {
    const { repo, ref } = givenRepository(github);
    const issue = repo.addIssue({ title: "Please triage" });
    const command = github.addComment(repo, issue.number, "/chittyconnect triage", { login: "maintainer" });

    const first = await addCommentReaction(bindings, ref, command.id, "eyes");
    const again = await addCommentReaction(bindings, ref, command.id, "eyes");
    const rocket = await addCommentReaction(bindings, ref, command.id, "rocket");

    expect(first).toMatchObject({ content: "eyes", created: true });
    expect(again).toEqual({ id: first.id, content: "eyes", created: false });
    expect(rocket).toMatchObject({ content: "rocket", created: true });
    expect(command.reactions.map((r) => [r.content, r.login])).toEqual([["eyes", FAKE_APP.botLogin], ["rocket", FAKE_APP.botLogin]]);
  });

  it("refuses a reaction GitHub does not offer without sending it", async () => {
    const { repo, ref } = givenRepository(github);
    const issue = repo.addIssue({ title: "x" });
    const comment = github.addComment(repo, issue.number, "hi", { login: "a" });
    await expect(addCommentReaction(bindings, ref, comment.id, "thumbsup" as Reaction)).rejects.toMatchObject({ code: "GITHUB_WRITE_INVALID" });
    expect(github.restCalls(repo)).toEqual([]);
  });

  it("reports a comment that is gone as not found", async () => {
    const { ref } = givenRepository(github);
    await expect(addCommentReaction(bindings, ref, 1, "+1")).rejects.toMatchObject({ code: "GITHUB_NOT_FOUND" });
  });
});
