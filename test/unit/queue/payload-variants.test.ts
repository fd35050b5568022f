import { eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chronicleEvents, installationRepositories, installations } from "../../../src/db/schema";
import { FakeGitHub, installationResource } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { processedPayload } from "../../fixtures/github/events";
import { newInstallationId } from "../../fixtures/github/installations";
import { traceOf } from "../../fixtures/github/stored";
import { consume } from "../../fixtures/queue/consume";

// Each case is a real example payload changed only where GitHub's webhook schema (@octokit/openapi-webhooks-types) allows it.
const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Claims a delivery as the webhook would and runs it through the EVENT_Q consumer; returns its row and Chronicle events. */
async function handle(event: string, payload: Record<string, any>) {
  const deliveryId = crypto.randomUUID();
  const dlq = vi.spyOn(bindings.EVENT_DLQ, "send");
  const result = await consume("chittyconnect-events", [{ kind: "github.delivery", deliveryId, event, ...(payload.action ? { action: payload.action } : {}), payload: bytes(payload) }]);
  expect(result).toMatchObject({ explicitAcks: ["m0"], retryMessages: [] });
  expect(dlq).not.toHaveBeenCalled();
  const [row] = (await traceOf(deliveryId)).rows;
  const events = (await db.select().from(chronicleEvents)).filter((e) => e.data.deliveryId === deliveryId);
  return { row, events };
}

const withoutInstallation = (payload: Record<string, any>) => {
  delete payload.installation;
  return payload;
};

describe("handlers accept every payload shape GitHub's webhook schema allows", () => {
  it("records a push whose repository owner is null, whose author hides the email and that names no sender", async () => {
    const payload = withoutInstallation(processedPayload("push", undefined));
    payload.repository.owner = null;
    payload.commits = payload.commits.map((c: any) => ({ ...c, author: { name: c.author.name, email: null } }));
    delete payload.sender;
    const { row, events } = await handle("push", payload);
    expect(row).toMatchObject({ status: "processed", lastError: null });
    expect(events.filter((e) => e.type === "github.push")).toHaveLength(1);
    expect(events.find((e) => e.type === "github.push.commit")!.data).toMatchObject({ author: { name: payload.commits[0].author.name, email: null } });
  });

  it("records an issue by a deleted user without state, with null labels, keeping the state unknown unless the action implies it", async () => {
    const edited = withoutInstallation(processedPayload("issues", "edited"));
    delete edited.issue.state;
    edited.issue.user = null;
    edited.issue.labels = [null, { name: "bug" }];
    edited.sender = { login: "ghost" };
    const first = await handle("issues", edited);
    expect(first.row).toMatchObject({ status: "processed" });
    expect(first.events[0]!.data).toMatchObject({ state: null, labels: ["bug"], author: null, sender: "ghost" });

    const closed = withoutInstallation(processedPayload("issues", "closed"));
    delete closed.issue.state;
    expect((await handle("issues", closed)).events[0]!.data).toMatchObject({ state: "closed" });
  });

  it("records a pull request from a repository webhook as the payload says, and says it did not read it from GitHub", async () => {
    const payload = withoutInstallation(processedPayload("pull_request", "closed", undefined, true));
    payload.pull_request.user = null;
    const { row, events } = await handle("pull_request", payload);
    expect(row).toMatchObject({ status: "processed", lastError: null });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "github.pull_request.merged" });
    expect(events[0]!.data).toMatchObject({
      title: payload.pull_request.title,
      author: null,
      size: null,
      skipped: [{ step: "github.pull_request.read", reason: "no installation in the payload (repository or organization webhook)" }],
    });
    expect(github.calls).toEqual([]);
  });

  it.each(["deleted", "suspend"])("does not read a pull request as an installation known to be %s", async (action) => {
    const installationId = newInstallationId();
    github.installations.set(installationId, installationResource(installationId));
    const change = processedPayload("installation", action, installationId);
    if (action === "suspend") change.installation.suspended_at = "2026-04-01T12:00:00Z";
    expect((await handle("installation", change)).row).toMatchObject({ status: "processed" });

    const { row, events } = await handle("pull_request", processedPayload("pull_request", "opened", installationId));
    expect(row).toMatchObject({ status: "processed", lastError: null });
    expect(events[0]!.data.skipped).toEqual([{ step: "github.pull_request.read", reason: expect.stringMatching(action === "deleted" ? /was uninstalled/ : /is suspended/) }]);
    expect(github.graphqlCalls()).toEqual([]);
  });

  it("reads a pull request as an installation that is known and active", async () => {
    const installationId = newInstallationId();
    github.installations.set(installationId, installationResource(installationId));
    expect((await handle("installation", processedPayload("installation", "created", installationId))).row).toMatchObject({ status: "processed" });
    const { events } = await handle("pull_request", processedPayload("pull_request", "opened", installationId));
    expect(events[0]!.data).toMatchObject({ size: { additions: expect.any(Number) } });
    expect(events[0]!.data.skipped).toBeUndefined();
    expect(github.graphqlCalls()).toHaveLength(1);
  });

  it("records an installation on an enterprise account and removes a repository named only by its id", async () => {
    const installationId = newInstallationId();
    const created = processedPayload("installation", "created", installationId);
    created.installation.account = { slug: `enterprise-${installationId}`, name: "An enterprise", id: 1, node_id: "E_1" };
    created.repositories = [{ id: installationId + 1, node_id: "R_x", name: "kept", full_name: `enterprise-org/kept-${installationId}`, private: true }];
    expect((await handle("installation", created)).row).toMatchObject({ status: "processed" });
    const [row] = await db.select().from(installations).where(eq(installations.id, installationId));
    expect(row).toMatchObject({ accountLogin: `enterprise-${installationId}`, accountType: "Enterprise" });

    const removed = processedPayload("installation_repositories", "removed", installationId);
    removed.repositories_removed = [{ id: installationId + 1 }];
    const { events } = await handle("installation_repositories", removed);
    expect(events[0]!.data).toMatchObject({ removed: [`repository ${installationId + 1}`] });
    expect(await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, installationId))).toEqual([]);
  });
});
