import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { encodeCursor } from "../../../src/db/pagination";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { registerActor } from "../../fixtures/credentials";
import { db } from "../../fixtures/db";
import { subscribe } from "../../fixtures/sse";
import { gql } from "../../helpers";
import { evalLine, givenPullRequest, pullRequestPayload, pushTo, reviewAt, send, settled, type World } from "./review-world";

const ANALYSIS = `query($repository: String!, $number: Int!) {
  pullRequestAnalysis(repository: $repository, number: $number) {
    headSha status mode commentUrl checkRunUrl conclusion reviewedAt
    summary { files additions deletions groups { name files } generatedParagraph }
    riskScore { score level reasons { points reason } }
    findings { ruleId severity path line message fingerprint status isNew }
    skipped { path reason } configProblems { path line } publishErrors { step code }
  }
}`;

/** A reviewed pull request whose installation is recorded in D1, as the installation webhook would leave it. */
async function reviewedPullRequest(): Promise<World & { head: string }> {
  const world = givenPullRequest();
  await saveInstallation(env as Env, db, { id: world.installationId, account: { login: world.repo.owner, type: "Organization" }, repository_selection: "all", permissions: { metadata: "read" }, events: ["pull_request"], created_at: Date.now(), suspended_at: null }, []);
  const head = world.pr.pull!.head;
  await settled(world, await send("pull_request", pullRequestPayload(world, "opened")));
  await reviewAt(world, head);
  return { ...world, head };
}

describe("GraphQL: PullRequestAnalysis, Repository and PullRequest", () => {
  it("shows the review to github:admin, from the root field, the repository and the installation", async () => {
    const world = await reviewedPullRequest();
    const vars = { repository: world.repo.fullName, number: world.pr.number };
    const result = await gql(ANALYSIS, vars);
    expect(result.errors).toBeUndefined();
    const analysis = result.data!.pullRequestAnalysis;
    expect(analysis).toMatchObject({ headSha: world.head, status: "completed", mode: "full", conclusion: "failure", skipped: [], publishErrors: [] });
    expect(analysis.commentUrl).toMatch(/issuecomment|comments/);
    expect(analysis.checkRunUrl).toMatch(/\/runs\//);
    expect(analysis.findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "security/eval", path: "src/run.js", line: 2, status: "open", isNew: true })]));
    expect(analysis.riskScore.reasons.length).toBeGreaterThan(0);
    expect(analysis.summary.generatedParagraph).toBeNull();

    const viaRepository = await gql(`query($name: String!, $n: Int!) { repository(fullName: $name) { fullName pullRequests(first: 5) { edges { node { number headSha analysis { headSha } } } } pullRequest(number: $n) { number reviewPending } } }`, { name: world.repo.fullName.toUpperCase(), n: world.pr.number });
    expect(viaRepository.errors).toBeUndefined();
    expect(viaRepository.data!.repository.pullRequests.edges).toEqual([{ node: { number: world.pr.number, headSha: world.head, analysis: { headSha: world.head } } }]);
    expect(viaRepository.data!.repository.pullRequest).toEqual({ number: world.pr.number, reviewPending: false });

    const viaInstallation = await gql(`query($id: ID!) { installation(id: $id) { pullRequests(first: 5) { edges { node { repository number analysis { status } } } } } }`, { id: String(world.installationId) });
    expect(viaInstallation.errors).toBeUndefined();
    expect(viaInstallation.data!.installation.pullRequests.edges).toEqual([{ node: { repository: world.repo.fullName, number: world.pr.number, analysis: { status: "completed" } } }]);
  });

  it("shows it to an actor granted the installation, and to nobody else, in the words used for a pull request that does not exist", async () => {
    const world = await reviewedPullRequest();
    const granted = await registerActor(["connections:read"]);
    const stranger = await registerActor(["connections:read"]);
    await gql(`mutation($id: ID!, $actor: ID!) { grantInstallationAccess(id: $id, actorId: $actor) { id } }`, { id: String(world.installationId), actor: granted.id });
    const vars = { repository: world.repo.fullName, number: world.pr.number };

    expect((await gql(ANALYSIS, vars, { key: granted.apiKey })).data!.pullRequestAnalysis.headSha).toBe(world.head);
    const refused = await gql(ANALYSIS, vars, { key: stranger.apiKey });
    const missing = await gql(ANALYSIS, { ...vars, number: 999_999 }, { key: granted.apiKey });
    expect(refused.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    expect(missing.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    expect(refused.errors![0]!.message.replace(`#${world.pr.number}`, "#N")).toBe(missing.errors![0]!.message.replace("#999999", "#N"));
    const repository = await gql(`query($n: String!) { repository(fullName: $n) { fullName } }`, { n: world.repo.fullName }, { key: stranger.apiKey });
    expect(repository.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });

  it.each([
    ["a repository that is not owner/name", { repository: "not-a-repository", number: 1 }],
    ["a repository with a path in it", { repository: "owner/name/extra", number: 1 }],
    ["number 0", { repository: "owner/name", number: 0 }],
    ["a negative number", { repository: "owner/name", number: -4 }],
    ["a number too large for GitHub", { repository: "owner/name", number: 2 ** 31 }],
  ])("refuses %s as invalid input", async (_label, vars) => {
    const result = await gql(ANALYSIS, vars);
    expect(result.data?.pullRequestAnalysis ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toBeTruthy();
    expect(JSON.stringify(result.errors)).toMatch(/owner\/name|number|Int|32-bit/);
  });

  it("streams each review of the pull request when it is stored, resumable from a cursor", async () => {
    const world = await reviewedPullRequest();
    const query = `subscription($repository: String!, $number: Int!, $after: String) { pullRequestAnalysis(repository: $repository, number: $number, after: $after) { cursor analysis { headSha mode } } }`;
    const stream = await subscribe(query, { repository: world.repo.fullName, number: world.pr.number });
    try {
      const next = pushTo(world, { "src/more.js": ["function more(request) {", evalLine(5), "}"].join("\n") });
      await send("pull_request", pullRequestPayload(world, "synchronize"));
      const update = await stream.next(20_000);
      expect(update.data.pullRequestAnalysis.analysis).toEqual({ headSha: next, mode: "incremental" });
    } finally {
      await stream.close();
    }
    // From the start of the pull request's history, both reviews come back in order.
    const replay = await subscribe(query, { repository: world.repo.fullName, number: world.pr.number, after: encodeCursor([0]) });
    try {
      const first = await replay.next(10_000);
      expect(first.data.pullRequestAnalysis.analysis.headSha).toBe(world.head);
    } finally {
      await replay.close();
    }
  });
});
