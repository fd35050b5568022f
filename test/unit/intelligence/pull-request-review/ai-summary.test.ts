import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { AI_SUMMARY_MODEL } from "../../../../src/intelligence/pull-request-review/ai-summary";
import { reviewPullRequest } from "../../../../src/intelligence/pull-request-review/review-pull-request";
import { renderReviewComment } from "../../../../src/intelligence/review/render-review-comment";
import { FakeGitHub, givenRepository } from "../../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

/** A pull request whose repository asks for the generated paragraph (review.ai_summary: true). */
function pullRequest() {
  const { ref, repo } = givenRepository(github);
  const base = repo.commit();
  const head = repo.commit({
    branch: "feature",
    parents: [base],
    files: { ".github/chittyconnect.yml": "review:\n  ai_summary: true\n", "src/run.js": "function run(q) {\n  return eval(q.expression);\n}" },
  });
  const issue = repo.addPullRequest({ base, head, title: "Run expressions" });
  return { ref, pr: { nodeId: "PR_x", headSha: head, open: true, title: issue.title, draft: false, author: "octocat", number: issue.number } };
}

/** A stand-in for the Workers AI binding that answers with `response`, or fails. */
function fakeAi(answer: { response: string } | Error) {
  const run = vi.fn(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { ai: { run } as unknown as Ai, run };
}

describe("the optional Workers AI paragraph", () => {
  it("adds one paragraph, marked as generated, when the AI binding is there", async () => {
    const { ref, pr } = pullRequest();
    const { ai, run } = fakeAi({ response: "This change adds an expression runner that evaluates user input." });
    const result = await reviewPullRequest(bindings, ref, pr, null, ai);
    expect(result.kind).toBe("reviewed");
    if (result.kind !== "reviewed") return;
    expect(run).toHaveBeenCalledWith(AI_SUMMARY_MODEL, expect.objectContaining({ messages: expect.any(Array) }));
    // The prompt carries facts, never evidence (which may hold a redacted secret).
    expect(JSON.stringify(run.mock.calls[0])).not.toContain("eval(q.expression)");
    expect(result.review.aiSummary).toBe("This change adds an expression runner that evaluates user input.");
    const comment = renderReviewComment(result.review);
    expect(comment).toContain("This change adds an expression runner");
    expect(comment.toLowerCase()).toMatch(/generated/);
  });

  it("is complete without the binding, and when the model fails it says so and still reviews", async () => {
    const { ref, pr } = pullRequest();
    const absent = await reviewPullRequest(bindings, ref, pr, null, undefined);
    expect(absent.kind === "reviewed" && absent.review.aiSummary).toBeUndefined();
    expect(absent.kind === "reviewed" && absent.review.findings.some((f) => f.ruleId === "security/eval")).toBe(true);
    expect(absent.kind === "reviewed" && absent.notes).toEqual([]);

    const { ai } = fakeAi(new Error("model overloaded"));
    const failed = await reviewPullRequest(bindings, ref, pr, null, ai);
    expect(failed.kind === "reviewed" && failed.review.aiSummary).toBeUndefined();
    expect(failed.kind === "reviewed" && failed.notes).toEqual([{ path: null, reason: "no AI paragraph: Workers AI failed: model overloaded" }]);
    expect(renderReviewComment(failed.kind === "reviewed" ? failed.review : (null as never)).toLowerCase()).not.toMatch(/generated/);
  });
});
