import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { pullRequestFacts } from "../../../src/intelligence/pull-request-facts";
import { FakeGitHub, installationResource } from "../../fakes/github";

let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

function pullRequestRef() {
  const installationId = 60_000_000 + Math.floor(Math.random() * 1_000_000);
  github.installations.set(installationId, installationResource(installationId));
  return { installationId, deliveryId: crypto.randomUUID(), owner: "octo-org", name: `repo-${installationId}`, number: 7 };
}
const payload = { title: "Title when sent", merged: null, draft: true, author: "sender-login" };

describe("pullRequestFacts", () => {
  it("prefers GitHub's current answer over the payload's snapshot", async () => {
    const ref = pullRequestRef();
    github.pullRequests.set(`${ref.owner}/${ref.name}#${ref.number}`, {
      id: "PR_live",
      title: "Title now",
      state: "MERGED",
      isDraft: false,
      merged: true,
      additions: 120,
      deletions: 30,
      changedFiles: 4,
      headRefOid: "a".repeat(40),
      baseRefName: "main",
      author: { login: "author-now" },
    });
    expect(await pullRequestFacts(env as Env, ref, payload)).toEqual({
      title: "Title now",
      merged: true,
      draft: false,
      author: "author-now",
      size: { additions: 120, deletions: 30, changedFiles: 4 },
    });
    expect(github.graphqlCalls()).toHaveLength(1);
  });

  it("falls back to the payload, with no size, when GitHub no longer has the pull request", async () => {
    const ref = pullRequestRef();
    github.pullRequests.set(`${ref.owner}/${ref.name}#${ref.number}`, null);
    expect(await pullRequestFacts(env as Env, ref, payload)).toEqual({
      title: "Title when sent",
      merged: false,
      draft: true,
      author: "sender-login",
      size: null,
    });
  });
});
