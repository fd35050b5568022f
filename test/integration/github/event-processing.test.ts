import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { githubEntities, installationRepositories, installations } from "../../../src/db/schema";
import { tokenCacheKey } from "../../../src/github/installation-token";
import { FakeGitHub, installationResource } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { PROCESSED, processedPayload } from "../../fixtures/github/events";
import { deliver } from "../../fixtures/github/sign";
import { gql } from "../../helpers";

afterEach(() => vi.restoreAllMocks());

const bindings = env as Env;
// Reviews have their own tests (test/integration/reviews). Here the handlers' own GitHub reads are counted, so the
// review requests are caught before a review job could read GitHub too.
let reviewRequests: { mock: { calls: unknown[][] } };
beforeEach(() => {
  reviewRequests = vi.spyOn(bindings.REVIEW_Q, "send").mockResolvedValue(undefined as never);
});
const WAIT = { timeout: 15_000, interval: 100 };

/** The delivery as operators see it, through GraphQL. */
async function deliveryOf(id: string, event: string) {
  const result = await gql(`query($event: String) { deliveries(event: $event, first: 100) { edges { node { id status attempts lastError processingMs } } } }`, { event });
  return result.data!.deliveries.edges.map((e: any) => e.node).find((d: any) => d.id === id);
}

/** Chronicle events of a type that carry the delivery id, through the GraphQL timeline. */
async function timelineFor(deliveryId: string, type: string) {
  const result = await gql(`query($type: String) { timeline(type: $type, first: 100) { edges { node { type subjectId data } } } }`, { type });
  expect(result.errors).toBeUndefined();
  return result.data!.timeline.edges.map((e: any) => e.node).filter((n: any) => n.data.deliveryId === deliveryId);
}

/** Signs and sends a delivery through the Worker, then waits until the real queue consumer has processed it. */
async function deliverAndProcess(event: string, payload: Record<string, any>) {
  const deliveryId = crypto.randomUUID();
  const response = await deliver({ event, body: JSON.stringify(payload), deliveryId });
  expect(response.status).toBe(202);
  await vi.waitFor(async () => expect(await deliveryOf(deliveryId, event)).toMatchObject({ status: "processed" }), WAIT);
  return deliveryId;
}

describe("signed webhook → EVENT_Q → handler → D1 → GraphQL timeline", () => {
  it.each(PROCESSED)("processes $event $action into $type", async ({ event, action, merged, type }) => {
    const github = new FakeGitHub().install();
    const installationId = 10_000_000 + Math.floor(Math.random() * 89_999_999);
    github.installations.set(installationId, installationResource(installationId));
    const payload = processedPayload(event, action, installationId, merged);
    if (action === "removed") {
      // The repository must be there before, or its absence afterwards proves nothing.
      const removed = payload.repositories_removed.map((r: any) => ({ private: false, ...r }));
      await deliverAndProcess(event, { ...payload, action: "added", repositories_added: removed, repositories_removed: [] });
      const before = await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, installationId));
      expect(before.map((r) => r.fullName)).toContain(removed[0].full_name);
    }
    if (event === "pull_request") {
      const key = `${payload.repository.owner.login}/${payload.repository.name}#${payload.number}`;
      github.pullRequests.set(key, { id: payload.pull_request.node_id, title: "Title from GraphQL", state: merged ? "MERGED" : "OPEN", isDraft: false, merged: merged ?? false, additions: 7, deletions: 1, changedFiles: 2, headRefOid: payload.pull_request.head.sha, baseRefName: "main", author: { login: "octocat" } });
    }

    const deliveryId = await deliverAndProcess(event, payload);

    const events = await timelineFor(deliveryId, type);
    const expected = event === "push" ? payload.commits.length : 1;
    expect(expected).toBeGreaterThan(0);
    expect(events).toHaveLength(expected);
    const delivery = await deliveryOf(deliveryId, event);
    expect(delivery).toMatchObject({ status: "processed", attempts: 1, lastError: null });
    expect(delivery.processingMs).toBeGreaterThanOrEqual(0);

    if (event === "push") {
      const commit = payload.commits[0];
      expect(events[0].data).toMatchObject({ sha: commit.id, message: commit.message, author: { name: commit.author.name }, paths: { added: commit.added, modified: commit.modified, removed: commit.removed } });
      expect(events[0].subjectId).toMatch(/^CHITTY-COMMIT-/);
      expect(await timelineFor(deliveryId, "github.push")).toHaveLength(1);
    }
    if (event === "pull_request") {
      expect(events[0].data).toMatchObject({ title: "Title from GraphQL", size: { additions: 7, deletions: 1, changedFiles: 2 } });
      expect(github.graphqlCalls()).toEqual([expect.objectContaining({ variables: { owner: payload.repository.owner.login, name: payload.repository.name, number: payload.number } })]);
      const requested = reviewRequests.mock.calls.map((call) => call[0]);
      if (action === "closed") expect(requested).toEqual([]);
      else expect(requested).toEqual([expect.objectContaining({ kind: "pull_request.review", repository: payload.repository.full_name, number: payload.number })]);
      const [entity] = await db.select().from(githubEntities).where(eq(githubEntities.githubKey, payload.pull_request.node_id));
      expect(entity).toMatchObject({ kind: "pull_request", chittyId: events[0].subjectId });
    }
    if (event === "issues") expect(events[0].subjectId).toMatch(/^CHITTY-ISSUE-/);
    if (event.startsWith("installation")) {
      const [row] = await db.select().from(installations).where(eq(installations.id, installationId));
      expect(row!.chittyId).toBe(events[0].subjectId);
      if (action === "deleted") expect(row!.uninstalledAt).not.toBeNull();
      if (action === "suspend") expect(row!.suspendedAt).not.toBeNull();
      const repositories = await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, installationId));
      if (action === "added") expect(repositories.map((r) => r.fullName)).toEqual(expect.arrayContaining(payload.repositories_added.map((r: any) => r.full_name)));
      if (action === "removed") expect(repositories.map((r) => r.fullName)).not.toContain(payload.repositories_removed[0].full_name);
    }
  });

  it("reuses ChittyIDs for objects it has seen: a second event about one issue mints nothing new", async () => {
    new FakeGitHub().install();
    const opened = processedPayload("issues", "opened");
    const first = await deliverAndProcess("issues", opened);
    const second = await deliverAndProcess("issues", { ...processedPayload("issues", "edited"), issue: opened.issue, repository: opened.repository });
    const [a] = await timelineFor(first, "github.issues.opened");
    const [b] = await timelineFor(second, "github.issues.edited");
    expect(b.subjectId).toBe(a.subjectId);
    expect(await db.select().from(githubEntities).where(eq(githubEntities.chittyId, a.subjectId))).toHaveLength(1);
    const history = await gql(`query($id: String!) { timeline(subjectId: $id) { edges { node { type } } } }`, { id: a.subjectId });
    expect(history.data!.timeline.edges.map((e: any) => e.node.type)).toEqual(["github.issues.edited", "github.issues.opened"]);
  });

  it("drops the cached token of a deleted installation", async () => {
    new FakeGitHub().install();
    const payload = processedPayload("installation", "deleted");
    await bindings.TOKEN_KV.put(tokenCacheKey(payload.installation.id), JSON.stringify({ token: "opaque", expiresAt: Date.now() + 3600_000 }));
    await deliverAndProcess("installation", payload);
    expect(await bindings.TOKEN_KV.get(tokenCacheKey(payload.installation.id))).toBeNull();
  });

  it("marks an action no handler records as ignored, with no timeline entry", async () => {
    new FakeGitHub().install();
    const deliveryId = crypto.randomUUID();
    const payload = processedPayload("issues", "assigned");
    expect((await deliver({ event: "issues", body: JSON.stringify(payload), deliveryId })).status).toBe(202);
    await vi.waitFor(async () => expect(await deliveryOf(deliveryId, "issues")).toMatchObject({ status: "ignored", attempts: 1 }), WAIT);
    expect(await timelineFor(deliveryId, "github.issues.assigned")).toEqual([]);
  });
});
