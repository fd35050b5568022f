import { describe, expect, it } from "vitest";
import { REVIEW_COMMENT_MARKER } from "../../../src/intelligence/review/review-marker";
import { findingsOf } from "../../../src/resolvers/review-records";
import { diffLines } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { evalLine, givenPullRequest, pullRequestPayload, pushTo, reviewAt, reviewsOf, send, settled } from "./review-world";

/** Every annotation of every check run, with whether its lines are in the pull request's diff. */
function annotationsOutsideDiff(world: ReturnType<typeof givenPullRequest>, headSha: string) {
  const diff = new Map(world.pr.pull!.files.map((f) => [f.filename, diffLines(f.patch ?? "")]));
  return world.github
    .checkRunsOn(world.repo, headSha)
    .flatMap((run) => run.annotations)
    .filter((a) => {
      for (let line = a.start_line as number; line <= (a.end_line as number); line++) if (!diff.get(a.path as string)?.has(line)) return true;
      return false;
    });
}

describe("pull request review through the webhook, both queues and the fake GitHub", () => {
  it("answers opened with exactly one sticky comment and one check run whose annotations are all on diff lines", async () => {
    // The file exists on main with an eval already in it: only the added lines may be annotated.
    const world = givenPullRequest({ base: { "src/run.js": ["function legacy(request) {", evalLine(0), "}"].join("\n") } });
    const head = pushTo(world, { "src/run.js": ["function legacy(request) {", evalLine(0), "}", "function run(request) {", evalLine(1), evalLine(2), "}"].join("\n") });
    const delivery = await send("pull_request", pullRequestPayload(world, "opened"));

    const review = await reviewAt(world, head);
    await settled(world, delivery);
    expect(review).toMatchObject({ status: "completed", mode: "full", publishErrors: [] });
    const comments = world.github.commentsOn(world.repo, world.pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(REVIEW_COMMENT_MARKER);
    expect(review.commentUrl).toContain(String(comments[0]!.id));
    const runs = world.github.checkRunsOn(world.repo, head);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: "ChittyConnect review", status: "completed", conclusion: "failure" });
    expect(runs[0]!.annotations.length).toBeGreaterThan(0);
    expect(annotationsOutsideDiff(world, head)).toEqual([]);
    expect(review.checkRunId).toBe(runs[0]!.id);
  });

  it("does nothing new for a redelivery or a re-run of the same head SHA", async () => {
    const world = givenPullRequest();
    const head = world.pr.pull!.head;
    const payload = pullRequestPayload(world, "opened");
    const first = await send("pull_request", payload);
    await reviewAt(world, head);
    await settled(world, first);
    const writes = () => world.github.calls.filter((c) => c.method !== "GET" && c.path.includes(world.repo.fullName)).length;
    const before = { writes: writes(), reviews: await reviewsOf(world) };

    // GitHub's redelivery keeps the delivery id; a re-run (reopened, a replay) is a new delivery for the same head.
    await send("pull_request", payload, first);
    const rerun = await send("pull_request", pullRequestPayload(world, "reopened"));
    await settled(world, rerun);

    expect(writes()).toBe(before.writes);
    expect(world.github.commentsOn(world.repo, world.pr.number)).toHaveLength(1);
    expect(world.github.checkRunsOn(world.repo, head)).toHaveLength(1);
    expect(await reviewsOf(world)).toEqual(before.reviews);
  });

  it("updates the same comment on synchronize, adds a check run for the new head and reviews only what changed", async () => {
    const world = givenPullRequest({ files: { "src/run.js": ["function run(request) {", evalLine(1), "}"].join("\n"), "src/other.js": "export const x = 1;\n" } });
    const first = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    const [comment] = world.github.commentsOn(world.repo, world.pr.number);
    const firstBody = comment!.body;

    // The eval is fixed and a new one is added elsewhere.
    const second = pushTo(world, { "src/run.js": ["function run(request) {", "  return JSON.parse(request.body);", "}"].join("\n"), "src/more.js": ["function more(request) {", evalLine(7), "}"].join("\n") });
    await settled(world, await send("pull_request", pullRequestPayload(world, "synchronize")));

    const review = await reviewAt(world, second);
    expect(review).toMatchObject({ status: "completed", mode: "incremental", baseSha: first });
    expect(review.counts).toMatchObject({ filesAnalyzed: 2 });
    const findings = await findingsOf(db, review.id);
    const evals = findings.filter((f) => f.ruleId === "security/eval").map(({ path, status, isNew }) => ({ path, status, isNew }));
    expect(evals).toEqual(expect.arrayContaining([{ path: "src/more.js", status: "open", isNew: true }, { path: "src/run.js", status: "resolved", isNew: false }]));
    expect(evals).toHaveLength(2);
    // The change-level finding is the same one after the push: still open, not resolved and opened again.
    expect(findings.filter((f) => f.ruleId === "quality/no-tests").map(({ status, isNew }) => ({ status, isNew }))).toEqual([{ status: "open", isNew: false }]);
    const comments = world.github.commentsOn(world.repo, world.pr.number);
    expect(comments.map((c) => c.id)).toEqual([comment!.id]);
    expect(comments[0]!.body).not.toBe(firstBody);
    expect(comments[0]!.body.toLowerCase()).toContain("resolved");
    expect(world.github.checkRunsOn(world.repo, first)).toHaveLength(1);
    expect(world.github.checkRunsOn(world.repo, second)).toHaveLength(1);
    expect(annotationsOutsideDiff(world, second)).toEqual([]);
  });

  it("reviews everything again after a force push, since the last reviewed head is no longer an ancestor", async () => {
    const world = givenPullRequest();
    const first = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));

    const rewritten = pushTo(world, { "src/run.js": ["function run(request) {", evalLine(3), "}"].join("\n") }, [world.baseSha]);
    await settled(world, await send("pull_request", pullRequestPayload(world, "synchronize")));

    const review = await reviewAt(world, rewritten);
    expect(review).toMatchObject({ status: "completed", mode: "full", baseSha: null });
    expect(world.github.checkRunsOn(world.repo, rewritten)).toHaveLength(1);
    expect(world.github.checkRunsOn(world.repo, first)).toHaveLength(1);
    expect(world.github.commentsOn(world.repo, world.pr.number)).toHaveLength(1);
  });
});
