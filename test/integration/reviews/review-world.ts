import { and, eq } from "drizzle-orm";
import { expect, vi } from "vitest";
import { pullRequestReviews, pullRequests, repositoryKeyOf, webhookDeliveries } from "../../../src/db/schema";
import { FakeGitHub, givenRepository } from "../../fakes/github";
import type { FakeRepository } from "../../fakes/github/repository";
import type { FakeIssue } from "../../fakes/github/repository";
import { db } from "../../fixtures/db";
import { deliver } from "../../fixtures/github/sign";

export const WAIT = { timeout: 20_000, interval: 150 };

/** Code the security rules flag on each added line: an eval of input. */
export const evalLine = (i: number) => `  const value${i} = eval(request.query.expression${i});`;

/** A repository with a main branch, a feature branch off it, and one open pull request between them. */
export function givenPullRequest(options: { files?: Record<string, string>; base?: Record<string, string>; permissions?: Record<string, string>; title?: string; draft?: boolean } = {}) {
  const github = new FakeGitHub().install();
  github.strictAnnotations = true;
  const { installationId, repo } = givenRepository(github, options.permissions ? { permissions: options.permissions } : {});
  const base = repo.commit({ files: { "README.md": "# app\n", ...options.base } });
  const head = repo.commit({ branch: "feature", parents: [base], files: options.files ?? { "src/run.js": ["function run(request) {", evalLine(1), "  return value1;", "}"].join("\n") } });
  const pr = repo.addPullRequest({ head, base, title: options.title ?? "Add the runner", ...(options.draft ? { draft: true } : {}) });
  const nodeId = `PR_${crypto.randomUUID()}`;
  return { github, repo, pr, installationId, nodeId, baseSha: base };
}

export type World = ReturnType<typeof givenPullRequest>;

/** Pushes a commit on the pull request's branch (or, with `parents`, rewrites it) and moves the pull request there. */
export function pushTo(world: World, files: Record<string, string>, parents?: string[]): string {
  const sha = world.repo.commit({ branch: "feature", ...(parents ? { parents } : {}), files });
  movePullRequest(world.repo, world.pr, sha, world.baseSha);
  return sha;
}

function movePullRequest(repo: FakeRepository, pr: FakeIssue, head: string, base: string): void {
  pr.pull!.head = head;
  pr.pull!.files = repo.compare(base, head)!.files;
}

/** A pull_request delivery as GitHub sends it, with only what changes between tests filled in. */
export function pullRequestPayload(world: World, action: string, headSha = world.pr.pull!.head) {
  return {
    action,
    number: world.pr.number,
    pull_request: {
      node_id: world.nodeId,
      title: world.pr.title,
      state: "open",
      draft: world.pr.pull!.draft,
      merged: false,
      head: { sha: headSha, ref: "feature" },
      base: { ref: "main" },
      user: { login: world.pr.author },
    },
    repository: { node_id: world.repo.nodeId, full_name: world.repo.fullName, name: world.repo.name, owner: { login: world.repo.owner } },
    installation: { id: world.installationId },
    sender: { login: "octocat" },
  };
}

/** Signs and sends one delivery; the Worker acks it and the real consumers take it from there. */
export async function send(event: string, payload: unknown, deliveryId: string = crypto.randomUUID()): Promise<string> {
  const response = await deliver({ event, body: JSON.stringify(payload), deliveryId });
  expect(response.status).toBe(202);
  return deliveryId;
}

/** The stored reviews of the pull request, oldest first. */
export async function reviewsOf(world: World) {
  const rows = await db
    .select()
    .from(pullRequestReviews)
    .where(and(eq(pullRequestReviews.repositoryKey, repositoryKeyOf(world.repo.fullName)), eq(pullRequestReviews.number, world.pr.number)));
  return rows.sort((a, b) => a.reviewedAt - b.reviewedAt);
}

/** Waits until the pull request has a review of `headSha`, and returns it. */
export async function reviewAt(world: World, headSha: string) {
  return vi.waitFor(async () => {
    const review = (await reviewsOf(world)).find((r) => r.headSha === headSha);
    expect(review, `a review of ${headSha.slice(0, 7)}`).toBeDefined();
    return review!;
  }, WAIT);
}

/** Waits until a delivery is processed, and then until no review of the pull request waits or runs. */
export async function settled(world: World, deliveryId: string): Promise<void> {
  await vi.waitFor(async () => {
    const [delivery] = await db.select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.deliveryId, deliveryId));
    expect(delivery?.status).toBe("processed");
  }, WAIT);
  await vi.waitFor(async () => {
    const [row] = await db
      .select()
      .from(pullRequests)
      .where(and(eq(pullRequests.repositoryKey, repositoryKeyOf(world.repo.fullName)), eq(pullRequests.number, world.pr.number)));
    expect(row).toMatchObject({ reviewRequestedAt: null, runningBy: null });
  }, WAIT);
}
