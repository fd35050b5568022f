import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { chittyIds, chronicleEvents, dnaRecords, installationRepositories, installations } from "../../../src/db/schema";
import { tokenCacheKey } from "../../../src/github/installation-token";
import { db } from "../../fixtures/db";
import { browse, fetchWithEnv, pageText, startInstallFlow } from "../../fixtures/github/browser";
import { FakeGitHub, installationResource, repositoryResource } from "../../fakes/github";

let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const newInstallationId = () => 10_000_000 + Math.floor(Math.random() * 89_999_999);

async function storedInstallation(id: number) {
  const [row] = await db.select().from(installations).where(eq(installations.id, id));
  if (!row) return { row };
  const repositories = await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, id));
  const dna = await db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, row.chittyId)).orderBy(dnaRecords.sequence);
  const events = await db.select().from(chronicleEvents).where(eq(chronicleEvents.subjectId, row.chittyId)).orderBy(chronicleEvents.seq);
  const [minted] = await db.select().from(chittyIds).where(eq(chittyIds.id, row.chittyId));
  return { row, repositories, dna, events, minted };
}

function givenInstallation(repositoryCount = 2, overrides = {}) {
  const id = newInstallationId();
  github.installations.set(id, installationResource(id, overrides));
  github.repositories.set(id, Array.from({ length: repositoryCount }, (_, i) => repositoryResource(id * 1000 + i, `octo-org-${id}/repo-${i}`, i % 2 === 0)));
  return id;
}

describe("GET /integrations/github/callback stores the installation GitHub describes", () => {
  it("follows the install flow: state, App JWT, installation token, repositories, one atomic write, success page", async () => {
    const id = givenInstallation(150);
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

  it("accepts an installation started on GitHub, which carries no state", async () => {
    const id = givenInstallation(1);
    expect((await browse(`/integrations/github/callback?installation_id=${id}&setup_action=install`)).status).toBe(303);
    expect((await storedInstallation(id)).row).toMatchObject({ id, accountLogin: `octo-org-${id}` });
  });

  it("records a repeated callback as an update of the same ChittyID, reusing the cached token", async () => {
    const id = givenInstallation(2);
    await browse(`/integrations/github/callback?installation_id=${id}&setup_action=install`);
    const first = await storedInstallation(id);
    github.installations.set(id, installationResource(id, { repository_selection: "all", suspended_at: "2026-04-02T00:00:00Z" }));
    github.repositories.get(id)!.pop();

    expect((await browse(`/integrations/github/callback?installation_id=${id}&setup_action=update`)).status).toBe(303);
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

describe("GET /integrations/github/callback refuses what it cannot trust, with a helpful page", () => {
  async function expectErrorPage(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const text = await pageText(response);
    expect(text).toContain("Next step:");
    expect(text).toContain(code);
    expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+/);
    return text;
  }

  it("answers 400 for a state that is forged, expired, for the other flow, or from another browser, and stores nothing", async () => {
    const id = givenInstallation();
    const { state, cookie } = await startInstallFlow();
    const secret = new TextEncoder().encode((env as Env).GITHUB_STATE_SECRET);
    const expired = await new SignJWT({ nonce: cookie.split("=")[1] }).setProtectedHeader({ alg: "HS256" }).setIssuer("chittyconnect")
      .setAudience("github-install").setIssuedAt(Math.floor(Date.now() / 1000) - 1200).setExpirationTime(Math.floor(Date.now() / 1000) - 600).sign(secret);
    const forged = await new SignJWT({ nonce: cookie.split("=")[1] }).setProtectedHeader({ alg: "HS256" }).setIssuer("chittyconnect")
      .setAudience("github-install").setIssuedAt().setExpirationTime("5m").sign(new TextEncoder().encode("not-the-state-secret-at-all-0123456789"));
    const setup = await browse("/integrations/github/setup");
    const manifestState = /state=([^"&]+)/.exec(await setup.text())![1]!;

    const cases: [string, string | undefined, string][] = [
      [forged, cookie, "was not issued here"],
      [expired, cookie, "has expired"],
      [decodeURIComponent(manifestState), cookie, "was not issued here"],
      [state, undefined, "another browser"],
      [state, "chittyconnect_github_state=someone-else", "another browser"],
      ["garbage", cookie, "was not issued here"],
    ];
    for (const [candidate, sentCookie, why] of cases) {
      const response = await browse(`/integrations/github/callback?installation_id=${id}&state=${encodeURIComponent(candidate)}`, sentCookie);
      expect(await expectErrorPage(response, 400, "INVALID_STATE"), why).toContain(why);
    }
    expect((await storedInstallation(id)).row).toBeUndefined();
    expect(github.calls.map((c) => c.path)).toEqual(["/app"]);
  });

  it("answers 400 for a missing or malformed installation_id", async () => {
    for (const query of ["", "?setup_action=install", "?installation_id=abc", "?installation_id=-1", "?installation_id=1e9", "?setup_action=delete&installation_id=1"]) {
      await expectErrorPage(await browse(`/integrations/github/callback${query}`), 400, "INVALID_INPUT");
    }
    expect(github.calls).toEqual([]);
  });

  it("answers 404 when GitHub does not know the installation", async () => {
    const id = newInstallationId();
    await expectErrorPage(await browse(`/integrations/github/callback?installation_id=${id}`), 404, "GITHUB_NOT_FOUND");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 502 when GitHub refuses the App's JWT", async () => {
    const id = givenInstallation();
    github.failures.set(`GET /app/installations/${id}`, { status: 401, body: { message: "'Expiration time' claim ('exp') is too far in the future" } });
    await expectErrorPage(await browse(`/integrations/github/callback?installation_id=${id}`), 502, "GITHUB_AUTH_FAILED");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 503 and stores nothing when GitHub fails halfway through", async () => {
    const id = givenInstallation();
    github.failures.set("GET /installation/repositories", { status: 502 });
    await expectErrorPage(await browse(`/integrations/github/callback?installation_id=${id}`), 503, "UPSTREAM_UNAVAILABLE");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 503 when the App's credentials are not configured", async () => {
    const id = givenInstallation();
    const response = await fetchWithEnv(`/integrations/github/callback?installation_id=${id}`, { GITHUB_APP_PRIVATE_KEY: "" });
    expect(await expectErrorPage(response, 503, "GITHUB_APP_NOT_CONFIGURED")).toContain("set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY");
    const garbled = await fetchWithEnv(`/integrations/github/callback?installation_id=${id}`, { GITHUB_APP_PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----" });
    await expectErrorPage(garbled, 500, "GITHUB_APP_MISCONFIGURED");
    expect(github.calls).toEqual([]);
  });
});
