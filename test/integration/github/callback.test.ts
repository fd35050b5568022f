import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { tokenCacheKey } from "../../../src/github/installation-token";
import { browse, installCallback, pageText, startInstallFlow } from "../../fixtures/github/browser";
import { givenInstallation, storedInstallation } from "../../fixtures/github/installations";
import { FakeGitHub, installationResource } from "../../fakes/github";

let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("GET /integrations/github/callback stores the installation GitHub describes", () => {
  it("follows the install flow: state, App JWT, installation token, repositories, one atomic write, success page", async () => {
    const id = givenInstallation(github, 150);
    const { state, cookie, location } = await startInstallFlow();
    expect(location.href).toMatch(/^https:\/\/github\.test\/apps\/chittyconnect-test\/installations\/new\?state=/);

    const callback = await browse(`/integrations/github/callback?installation_id=${id}&setup_action=install&state=${state}`, cookie);
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe(`/integrations/github/installed?installation_id=${id}`);

    const stored = await storedInstallation(id);
    expect(stored.row).toMatchObject({
      accountLogin: `octo-org-${id}`,
      accountType: "Organization",
      repositorySelection: "selected",
      permissions: { contents: "read", metadata: "read", pull_requests: "write", issues: "write", checks: "write" },
      events: ["push", "pull_request", "issues"],
      installedAt: Date.parse("2026-04-01T12:00:00Z"),
      suspendedAt: null,
      uninstalledAt: null,
    });
    expect(stored.row!.chittyId).toMatch(/^CHITTY-CONTEXT-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stored.minted).toMatchObject({ entityType: "CONTEXT", source: "local" });
    expect(stored.repositories).toHaveLength(150);
    expect(stored.dna).toEqual([expect.objectContaining({ kind: "genesis", subjectType: "github_installation", event: "installed", actorId: null })]);
    expect(stored.events).toEqual([
      expect.objectContaining({ type: "github.app.installed", data: expect.objectContaining({ installationId: id, repositories: 150 }) }),
    ]);

    const cached = (await (env as Env).TOKEN_KV.get(tokenCacheKey(id), "json")) as { token: string; expiresAt: number };
    expect(github.issuedTokens.get(cached.token)).toBe(id);
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /app",
      `GET /app/installations/${id}`,
      `POST /app/installations/${id}/access_tokens`,
      "GET /installation/repositories",
      "GET /installation/repositories",
    ]);
    expect(callback.headers.get("set-cookie")).toMatch(/chittyconnect_github_state=;.*Max-Age=0/i);

    const success = await browse(callback.headers.get("location")!);
    expect(success.status).toBe(200);
    expect(await pageText(success)).toContain(`Installation ${id} is connected`);
  });

  it("sends a callback without a state (an installation started on GitHub) to the install flow, and calls GitHub for nothing", async () => {
    const id = givenInstallation(github, 1);
    const response = await browse(`/integrations/github/callback?installation_id=${id}&setup_action=install`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/integrations/github/install");
    expect(github.calls).toEqual([]);
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("records a repeated callback as an update of the same ChittyID, reusing the cached token", async () => {
    const id = givenInstallation(github, 2);
    await installCallback(`installation_id=${id}&setup_action=install`);
    const first = await storedInstallation(id);
    github.installations.set(id, installationResource(id, { repository_selection: "all", suspended_at: "2026-04-02T00:00:00Z" }));
    github.repositories.get(id)!.pop();

    expect((await installCallback(`installation_id=${id}&setup_action=update`)).status).toBe(303);
    const second = await storedInstallation(id);
    expect(second.row).toMatchObject({ chittyId: first.row!.chittyId, repositorySelection: "all", suspendedAt: Date.parse("2026-04-02T00:00:00Z") });
    expect(second.repositories).toHaveLength(1);
    expect(second.dna!.map((r) => [r.kind, r.sequence, r.previousId])).toEqual([
      ["genesis", 1, null],
      ["evolution", 2, first.dna![0]!.id],
    ]);
    expect(second.events!.map((e) => e.type)).toEqual(["github.app.installed", "github.app.updated"]);
    expect(github.calls.filter((c) => c.path.endsWith("/access_tokens"))).toHaveLength(1);
  });

  it("shows the requested page when an organization owner must approve first", async () => {
    const response = await browse("/integrations/github/callback?setup_action=request");
    expect(response.status).toBe(200);
    expect(await pageText(response)).toContain("sent to the organization's owners");
    expect(github.calls).toEqual([]);
  });
});
