import { env } from "cloudflare:workers";
import { vi, describe, expect, it } from "vitest";
import { requestFullReview } from "../../../src/queue/reviews/request-review";
import { evalLine, givenPullRequest, pullRequestPayload, pushTo, reviewAt, reviewsOf, send, settled, WAIT } from "./review-world";

const pullRequestFile = (lines: string[]) => ["function run(request) {", ...lines, "}"].join("\n");

describe("pull request review: bursts, refusals, volume and bad config", () => {
  it("reviews 5 quick synchronize events at most twice, the last time at the newest head", async () => {
    const world = givenPullRequest();
    const heads: string[] = [];
    const deliveries: string[] = [];
    for (let i = 0; i < 5; i++) {
      heads.push(pushTo(world, { [`src/step-${i}.js`]: pullRequestFile([evalLine(i)]) }));
      deliveries.push(await send("pull_request", pullRequestPayload(world, "synchronize")));
    }
    const newest = heads[4]!;
    await reviewAt(world, newest);
    for (const delivery of deliveries) await settled(world, delivery);

    const reviews = (await reviewsOf(world)).filter((r) => r.status === "completed");
    expect(reviews.length).toBeGreaterThanOrEqual(1);
    expect(reviews.length).toBeLessThanOrEqual(2);
    expect(reviews.at(-1)!.headSha).toBe(newest);
    const runs = heads.flatMap((sha) => world.github.checkRunsOn(world.repo, sha));
    expect(runs.length).toBe(reviews.length);
    expect(world.github.commentsOn(world.repo, world.pr.number)).toHaveLength(1);
  });

  it("records a 403 on the comment, still publishes the check run, and does not retry the write", async () => {
    // No issues or pull_requests write permission: GitHub refuses the comment, as on a fork's pull request.
    const world = givenPullRequest({ permissions: { contents: "read", metadata: "read", checks: "write" } });
    const head = world.pr.pull!.head;
    const delivery = await send("pull_request", pullRequestPayload(world, "opened"));
    const review = await reviewAt(world, head);
    await settled(world, delivery);

    expect(review).toMatchObject({ status: "completed", commentUrl: null, publishErrors: [{ step: "comment", code: "GITHUB_WRITE_FORBIDDEN" }] });
    expect(review.publishErrors[0]!.message).toMatch(/issues=write|pull_requests=write|not accessible/i);
    const posts = world.github.restCalls(world.repo, "POST").filter((c) => c.path.endsWith(`/issues/${world.pr.number}/comments`));
    expect(posts).toHaveLength(1);
    expect(world.github.checkRunsOn(world.repo, head)).toHaveLength(1);
    expect(world.github.commentsOn(world.repo, world.pr.number)).toEqual([]);

    // Another event for the same head changes nothing: the refusal is the review's record, not a reason to retry.
    await settled(world, await send("pull_request", pullRequestPayload(world, "reopened")));
    expect(world.github.restCalls(world.repo, "POST").filter((c) => c.path.endsWith(`/issues/${world.pr.number}/comments`))).toHaveLength(1);
  });

  it("publishes 120 findings as 3 annotation requests of at most 50", async () => {
    // Top-level lines, so that no long-function finding joins the 120 evals.
    const world = givenPullRequest({ files: { "src/many.js": Array.from({ length: 120 }, (_, i) => evalLine(i)).join("\n") } });
    const head = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    const review = await reviewAt(world, head);

    const [run] = world.github.checkRunsOn(world.repo, head);
    expect(run!.annotationsPerRequest).toEqual([50, 50, 20]);
    expect(new Set(run!.annotations.map((a) => `${a.path}:${a.start_line}`)).size).toBe(120);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(review.counts!.open).toBeGreaterThanOrEqual(120);
  });

  it("keeps reviewing with the defaults when .github/chittyconnect.yml is invalid, and says what is wrong and where", async () => {
    const world = givenPullRequest({
      files: { "src/run.js": pullRequestFile([evalLine(1)]), ".github/chittyconnect.yml": "review:\n  fail_on: extreme\n  max_findings: 20\n" },
    });
    const head = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    const review = await reviewAt(world, head);

    expect(review.status).toBe("completed");
    expect(review.configProblems).toEqual([expect.objectContaining({ path: "review.fail_on", line: 2 })]);
    const [run] = world.github.checkRunsOn(world.repo, head);
    expect(run!.output.summary).toMatch(/review\.fail\\?_on \(line 2, column \d+\): expected one of/);
    expect(run!.conclusion).toBe("failure");
    expect(world.github.commentsOn(world.repo, world.pr.number)).toHaveLength(1);
  });

  it("skips a draft and reviews it on ready_for_review", async () => {
    const world = givenPullRequest({ draft: true });
    const head = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    expect(await reviewAt(world, head)).toMatchObject({ status: "skipped", skipped: [{ path: null, reason: "the pull request is a draft" }] });
    expect(world.github.checkRunsOn(world.repo, head)).toEqual([]);

    world.pr.pull!.draft = false;
    await settled(world, await send("pull_request", pullRequestPayload(world, "ready_for_review")));
    const reviews = await reviewsOf(world);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ status: "completed", headSha: head });
    expect(world.github.checkRunsOn(world.repo, head)).toHaveLength(1);
  });

  it("runs a requested full review of a reviewed head, updating the comment and keeping the head's one check run", async () => {
    const world = givenPullRequest();
    const head = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    const first = await reviewAt(world, head);

    const requested = await requestFullReview(env as Env, { installationId: world.installationId, repository: world.repo.fullName, number: world.pr.number });
    expect(requested.headSha).toBe(head);
    await vi.waitFor(async () => expect((await reviewsOf(world))[0]!.reviewedAt).toBeGreaterThan(first.reviewedAt), WAIT);

    const reviews = await reviewsOf(world);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ id: first.id, mode: "full" });
    expect(world.github.commentsOn(world.repo, world.pr.number)).toHaveLength(1);
    expect(world.github.checkRunsOn(world.repo, head)).toHaveLength(1);
  });
});

describe("push to the default branch", () => {
  it("publishes one check run on the head commit for the pushed range, and no comment", async () => {
    const world = givenPullRequest();
    const before = world.baseSha;
    const after = world.repo.commit({ files: { "src/main.js": pullRequestFile([evalLine(9)]) } });
    const payload = {
      ref: "refs/heads/main",
      before,
      after,
      repository: { node_id: world.repo.nodeId, full_name: world.repo.fullName, name: world.repo.name, default_branch: "main", owner: null },
      installation: { id: world.installationId },
      sender: { login: "octocat" },
      commits: [{ id: after, message: "Add main", timestamp: new Date().toISOString(), author: { name: "The Octocat", email: null }, added: ["src/main.js"], removed: [], modified: [] }],
    };
    await send("push", payload);

    const run = await vi.waitFor(() => {
      const [found] = world.github.checkRunsOn(world.repo, after);
      expect(found).toMatchObject({ name: "ChittyConnect analysis", status: "completed" });
      return found!;
    }, WAIT);
    expect(run.annotations.map((a) => a.path)).toContain("src/main.js");
    expect(world.github.calls.filter((c) => c.path.includes("/comments"))).toEqual([]);
  });
});
