import { describe, expect, it, vi } from "vitest";
import { refusalText } from "../../../src/intelligence/triage/commands";
import { deliverAndProcess, eventsAbout, givenComment, watchJobs } from "../../fixtures/github/triage";
import { givenPullRequest, pullRequestPayload, reviewAt, reviewsOf, send, settled, WAIT } from "./review-world";

describe("/chittyconnect review in a pull request's comments", () => {
  it("runs exactly one full review for a collaborator, and only a refusal for an outsider", async () => {
    const jobs = watchJobs();
    // As on GitHub, the payloads and the GraphQL read name the pull request by one node id.
    const given = givenPullRequest();
    const world = { ...given, nodeId: given.pr.nodeId };
    const head = world.pr.pull!.head;
    await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
    const first = await reviewAt(world, head);
    const reviewed = () => eventsAbout(world.nodeId, "github.pull_request.reviewed");
    expect(await reviewed()).toHaveLength(1);

    // An outsider: one refusal, and the head stays reviewed once.
    const outsider = givenComment(world.github, world.repo, world.pr, "/chittyconnect review", { login: "drive-by", association: "NONE" }, world.installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", outsider.payload))).toBe("refused");
    const appBodies = () => world.github.commentsOn(world.repo, world.pr.number).filter((c) => c.app).map((c) => c.body);
    expect(appBodies().filter((body) => body === refusalText("drive-by"))).toHaveLength(1);

    // A collaborator: the reviewed head is reviewed again, in full, once; the sticky comment and the check run stay one each.
    const member = givenComment(world.github, world.repo, world.pr, "/chittyconnect review", { login: "member", association: "COLLABORATOR" }, world.installationId);
    const delivery = await deliverAndProcess("issue_comment", member.payload);
    expect(await jobs.outcome(delivery)).toBe("accepted");
    await vi.waitFor(async () => expect((await reviewsOf(world))[0]!.reviewedAt).toBeGreaterThan(first.reviewedAt), WAIT);
    await settled(world, delivery);
    expect(await reviewsOf(world)).toMatchObject([{ id: first.id, headSha: head, mode: "full" }]);
    expect(await reviewed()).toHaveLength(2);
    expect(world.github.checkRunsOn(world.repo, head)).toHaveLength(1);
    expect(appBodies().filter((body) => body !== refusalText("drive-by"))).toHaveLength(1);
  });
});
