import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { browse, fetchWithEnv, installCallback, pageText, startInstallFlow } from "../../fixtures/github/browser";
import { givenInstallation, newInstallationId, storedInstallation } from "../../fixtures/github/installations";
import { FakeGitHub } from "../../fakes/github";

let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

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
    const id = givenInstallation(github);
    const { state, cookie } = await startInstallFlow();
    const secret = new TextEncoder().encode((env as Env).GITHUB_STATE_SECRET);
    const expired = await new SignJWT({ nonce: cookie.split("=")[1] }).setProtectedHeader({ alg: "HS256" }).setIssuer("chittyconnect")
      .setAudience("github-install").setJti(crypto.randomUUID()).setIssuedAt(Math.floor(Date.now() / 1000) - 1200).setExpirationTime(Math.floor(Date.now() / 1000) - 600).sign(secret);
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
    for (const query of ["?installation_id=abc", "?installation_id=-1", "?installation_id=1e9", "?setup_action=delete&installation_id=1"]) {
      await expectErrorPage(await browse(`/integrations/github/callback${query}`), 400, "INVALID_INPUT");
    }
    expect(github.calls).toEqual([]);
    await expectErrorPage(await installCallback("setup_action=install"), 400, "INVALID_INPUT");
    expect(github.calls.map((c) => c.path)).toEqual(["/app"]);
  });

  it("accepts a state once: the same state and cookie a second time is refused before GitHub is read", async () => {
    const id = givenInstallation(github);
    const { state, cookie } = await startInstallFlow();
    const url = `/integrations/github/callback?installation_id=${id}&setup_action=install&state=${encodeURIComponent(state)}`;
    expect((await browse(url, cookie)).status).toBe(303);
    const calls = github.calls.length;
    expect(await expectErrorPage(await browse(url, cookie), 400, "INVALID_STATE")).toContain("was already used");
    expect(github.calls.length).toBe(calls);
  });

  it("answers 404 when GitHub does not know the installation", async () => {
    const id = newInstallationId();
    await expectErrorPage(await installCallback(`installation_id=${id}`), 404, "GITHUB_NOT_FOUND");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 502 when GitHub refuses the App's JWT", async () => {
    const id = givenInstallation(github);
    github.failures.set(`GET /app/installations/${id}`, { status: 401, body: { message: "'Expiration time' claim ('exp') is too far in the future" } });
    await expectErrorPage(await installCallback(`installation_id=${id}`), 502, "GITHUB_AUTH_FAILED");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 503 and stores nothing when GitHub fails halfway through", async () => {
    const id = givenInstallation(github);
    github.failures.set("GET /installation/repositories", { status: 502 });
    await expectErrorPage(await installCallback(`installation_id=${id}`), 503, "UPSTREAM_UNAVAILABLE");
    expect((await storedInstallation(id)).row).toBeUndefined();
  });

  it("answers 503 when the App's credentials are not configured", async () => {
    const id = givenInstallation(github);
    const withState = async (overrides: Partial<Env>) => {
      const { state, cookie } = await startInstallFlow();
      return fetchWithEnv(`/integrations/github/callback?installation_id=${id}&state=${encodeURIComponent(state)}`, overrides, { headers: { cookie } });
    };
    const response = await withState({ GITHUB_APP_PRIVATE_KEY: "" });
    expect(await expectErrorPage(response, 503, "GITHUB_APP_NOT_CONFIGURED")).toContain("set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY");
    const garbled = await withState({ GITHUB_APP_PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----" });
    await expectErrorPage(garbled, 500, "GITHUB_APP_MISCONFIGURED");
    // Only the two starts of the flow read the App; the callbacks called GitHub for nothing.
    expect(github.calls.map((c) => c.path)).toEqual(["/app", "/app"]);
  });
});
