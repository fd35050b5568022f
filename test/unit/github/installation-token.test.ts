import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { getInstallationToken, tokenCacheKey, TOKEN_EXPIRY_MARGIN_MS } from "../../../src/github/installation-token";
import { FakeGitHub, installationResource } from "../../fakes/github";

const bindings = env as Env;
let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

const givenInstallation = () => {
  const id = 50_000_000 + Math.floor(Math.random() * 1_000_000);
  github.installations.set(id, installationResource(id));
  return id;
};
const created = () => github.calls.filter((c) => c.path.endsWith("/access_tokens")).length;

describe("getInstallationToken", () => {
  it("creates a token once and serves it from TOKEN_KV until expires_at minus the margin", async () => {
    const id = givenInstallation();
    const token = await getInstallationToken(bindings, id);
    expect(github.issuedTokens.get(token)).toBe(id);
    expect(await getInstallationToken(bindings, id)).toBe(token);
    expect(created()).toBe(1);

    // The same token, now one second inside the margin: served just before it, replaced from then on.
    const expiresAt = Date.now() + TOKEN_EXPIRY_MARGIN_MS - 1_000;
    await bindings.TOKEN_KV.put(tokenCacheKey(id), JSON.stringify({ token, expiresAt }));
    expect(await getInstallationToken(bindings, id, expiresAt - TOKEN_EXPIRY_MARGIN_MS - 2_000)).toBe(token);
    const fresh = await getInstallationToken(bindings, id);
    expect(fresh).not.toBe(token);
    expect(github.issuedTokens.get(fresh)).toBe(id);
    expect(created()).toBe(2);
  });

  it("does not cache a token that would expire within the margin", async () => {
    const id = givenInstallation();
    github.tokenLifetimeMs = TOKEN_EXPIRY_MARGIN_MS + 30_000;
    await getInstallationToken(bindings, id);
    expect(await bindings.TOKEN_KV.get(tokenCacheKey(id))).toBeNull();
    await getInstallationToken(bindings, id);
    expect(created()).toBe(2);
  });

  it("replaces a cache entry it cannot read", async () => {
    const id = givenInstallation();
    await bindings.TOKEN_KV.put(tokenCacheKey(id), "{not json");
    const token = await getInstallationToken(bindings, id);
    expect(github.issuedTokens.has(token)).toBe(true);
  });

  it("reports GitHub's refusal as an error that says what to fix", async () => {
    const id = givenInstallation();
    const route = `POST /app/installations/${id}/access_tokens`;
    const cases: [{ status: number; body?: Record<string, unknown>; headers?: Record<string, string> }, string][] = [
      [{ status: 401 }, "GITHUB_AUTH_FAILED"],
      [{ status: 403, headers: { "x-ratelimit-remaining": "0" } }, "GITHUB_RATE_LIMITED"],
      [{ status: 429 }, "GITHUB_RATE_LIMITED"],
      [{ status: 403 }, "GITHUB_FORBIDDEN"],
      [{ status: 201, body: { token: "", expires_at: "soon" } }, "GITHUB_UNEXPECTED_RESPONSE"],
      [{ status: 422 }, "GITHUB_ERROR"],
      [{ status: 503 }, "UPSTREAM_UNAVAILABLE"],
    ];
    for (const [failure, code] of cases) {
      github.failures.set(route, failure);
      await expect(getInstallationToken(bindings, id), code).rejects.toMatchObject({ code });
    }
  });
});
