import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { pullRequests, repositoryKeyOf } from "../../../src/db/schema";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { db } from "../../fixtures/db";
import { consume } from "../../fixtures/queue/consume";
import { gql } from "../../helpers";
import { givenPullRequest, pullRequestPayload, send, settled, type World } from "./review-world";

const REVIEW_DLQ = "chittyconnect-reviews-dlq";

function rowOf(world: World) {
  return and(eq(pullRequests.repositoryKey, repositoryKeyOf(world.repo.fullName)), eq(pullRequests.number, world.pr.number));
}

/**
 * A pull request the App has reviewed once, whose next review job is holding it when the queue gives up on it.
 * Its installation is recorded, as the installation webhook would leave it, so GraphQL can show the repository.
 */
async function heldPullRequest() {
  const world = givenPullRequest();
  await saveInstallation(env as Env, db, { id: world.installationId, account: { login: world.repo.owner, type: "Organization" }, repository_selection: "all", permissions: { metadata: "read" }, events: ["pull_request"], created_at: Date.now(), suspended_at: null }, []);
  await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
  await db.update(pullRequests).set({ runningBy: "m-lost", runningUntil: Date.now() + 600_000 }).where(rowOf(world));
  return world;
}

describe("the review dead-letter queue", () => {
  it("records a dead review on its pull request and frees the hold, and does not retry the job", async () => {
    const world = await heldPullRequest();
    const deadMessage = { kind: "pull_request.review", deliveryId: crypto.randomUUID(), repository: world.repo.fullName, number: world.pr.number };
    vi.spyOn(console, "error").mockImplementation(() => {});

    const result = await consume(REVIEW_DLQ, [deadMessage], 5);

    expect(result.explicitAcks).toEqual(["m0"]);
    expect(result.retried).toEqual([]);
    const [row] = await db.select().from(pullRequests).where(rowOf(world));
    expect(row).toMatchObject({ runningBy: null, runningUntil: null, reviewRequestedAt: null, lastError: "the review job failed 5 time(s) and was dead-lettered" });
    // What an operator sees: the pull request is no longer pending, and says why its review stopped.
    const seen = await gql(`query($name: String!, $n: Int!) { repository(fullName: $name) { pullRequest(number: $n) { reviewPending lastError } } }`, { name: world.repo.fullName, n: world.pr.number });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.repository.pullRequest).toEqual({ reviewPending: false, lastError: "the review job failed 5 time(s) and was dead-lettered" });
  });

  it("acknowledges a dead push analysis and an unreadable message, leaving only their log lines", async () => {
    const world = await heldPullRequest();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const sha = "a".repeat(40);
    const pushAnalysis = { kind: "push.analysis", deliveryId: crypto.randomUUID(), installationId: world.installationId, repository: world.repo.fullName, repositoryNodeId: world.repo.nodeId, ref: "refs/heads/main", before: sha, after: "b".repeat(40) };

    const result = await consume(REVIEW_DLQ, [pushAnalysis, { kind: "pull_request.review", number: "seven" }], 5);

    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(result.retried).toEqual([]);
    expect(errors.mock.calls.map((c) => c[1])).toEqual([expect.objectContaining({ body: pushAnalysis }), expect.objectContaining({ body: "unreadable" })]);
    // Neither names this pull request's review, so its hold is left to its lease.
    const [row] = await db.select().from(pullRequests).where(rowOf(world));
    expect(row).toMatchObject({ runningBy: "m-lost", lastError: null });
  });
});
