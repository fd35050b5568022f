import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import manifestFile from "../../../github-app-manifest.json";
import { browse, cookieFrom, decodeEntities, fetchWithEnv, pageText } from "../../fixtures/github/browser";
import { FakeGitHub } from "../../fakes/github";

let github: FakeGitHub;
beforeEach(() => {
  github = new FakeGitHub().install();
});
afterEach(() => vi.restoreAllMocks());

/** Opens the setup page and reads its form as GitHub would receive it. */
async function openSetup(query = "") {
  const response = await browse(`/integrations/github/setup${query}`);
  const html = await response.text();
  const action = decodeEntities(/<form action="([^"]+)" method="post">/.exec(html)?.[1] ?? "");
  const manifest = JSON.parse(decodeEntities(/name="manifest" value="([^"]+)"/.exec(html)?.[1] ?? "null"));
  return { response, html, action: action ? new URL(action) : null, manifest, cookie: response.headers.get("set-cookie") ? cookieFrom(response) : "" };
}

const conversion = (code: string) => {
  const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIE-${code}-fake-key-material\n-----END RSA PRIVATE KEY-----\n`;
  const result = { id: 777001, slug: "chittyconnect", name: "ChittyConnect", node_id: "A_1", owner: { login: "octo-org" }, html_url: "https://github.test/apps/chittyconnect", client_id: "Iv1.abc", client_secret: "client-secret-value", webhook_secret: `whsec-${code}`, pem };
  github.conversions.set(code, result);
  return result;
};

describe("GET /integrations/github/setup", () => {
  it("renders a form that posts this deployment's manifest to GitHub with a signed state", async () => {
    const { response, action, manifest, cookie } = await openSetup();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(action!.origin + action!.pathname).toBe("https://github.test/settings/apps/new");
    expect(action!.searchParams.get("state")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cookie).toMatch(/^chittyconnect_github_state=[0-9a-f-]{36}$/);
    expect(manifest).toEqual({
      ...manifestFile,
      url: "https://connect.test",
      hook_attributes: { url: "https://connect.test/integrations/github/webhook", active: true },
      redirect_url: "https://connect.test/integrations/github/manifest",
      setup_url: "https://connect.test/integrations/github/callback",
      callback_urls: ["https://connect.test/integrations/github/callback"],
    });
    expect(manifest.default_permissions).toEqual({ contents: "read", metadata: "read", pull_requests: "write", issues: "write", checks: "write" });
  });

  it("targets an organization, and refuses an organization name GitHub would not accept", async () => {
    const { action } = await openSetup("?org=octo-org&name=Chitty%20Staging");
    expect(action!.pathname).toBe("/organizations/octo-org/settings/apps/new");
    expect((await openSetup("?name=Chitty%20Staging")).manifest.name).toBe("Chitty Staging");
    for (const query of ["?org=octo/../../evil", "?org=", `?name=${"n".repeat(35)}`]) {
      const { response, action: none } = await openSetup(query);
      expect(response.status, query).toBe(400);
      expect(none).toBeNull();
    }
  });

  it("explains how to fix a missing GITHUB_STATE_SECRET", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await fetchWithEnv("/integrations/github/setup", { GITHUB_STATE_SECRET: "" });
    expect(response.status).toBe(503);
    expect(await pageText(response)).toContain("GITHUB_STATE_SECRET is not set");
  });
});

describe("GET /integrations/github/manifest", () => {
  it("exchanges GitHub's code and shows exactly which secrets to store, once, without logging them", async () => {
    const logs = ["log", "info", "warn", "error", "debug"].map((level) => vi.spyOn(console, level as "log"));
    const { action, cookie } = await openSetup();
    const app = conversion("code-123");

    const response = await browse(`/integrations/github/manifest?code=code-123&state=${action!.searchParams.get("state")}`, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(decodeEntities(html)).toContain(`<textarea readonly rows="8">${app.pem}</textarea>`);
    const text = decodeEntities(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
    expect(text).toContain("printf '%s' '777001' | npx wrangler secret put GITHUB_APP_ID --env production");
    expect(text).toContain("printf '%s' 'whsec-code-123' | npx wrangler secret put GITHUB_WEBHOOK_SECRET --env production");
    expect(text).toContain("npx wrangler secret put GITHUB_APP_PRIVATE_KEY --env production < chittyconnect.private-key.pem");
    expect(text).toContain("GITHUB_APP_ID=777001 GITHUB_WEBHOOK_SECRET=whsec-code-123");
    expect(text).toContain("https://connect.test/integrations/github/install");
    expect(text).not.toContain("client-secret-value");
    expect(github.calls.map((c) => `${c.method} ${c.path} ${c.authorization}`)).toEqual(["POST /app-manifests/code-123/conversions null"]);

    const logged = JSON.stringify(logs.flatMap((spy) => spy.mock.calls));
    expect(logged).not.toContain("fake-key-material");
    expect(logged).not.toContain("whsec-code-123");

    // The state is single-use: the same link a second time is refused before GitHub is asked again.
    const again = await browse(`/integrations/github/manifest?code=code-123&state=${action!.searchParams.get("state")}`, cookie);
    expect(again.status).toBe(400);
    expect(await pageText(again)).toContain("was already used");
    expect(github.calls).toHaveLength(1);
  });

  it("gives the commands for the deployment it runs in", async () => {
    const { action, cookie } = await openSetup();
    conversion("code-staging");
    const path = `/integrations/github/manifest?code=code-staging&state=${action!.searchParams.get("state")}`;
    const response = await fetchWithEnv(path, { ENVIRONMENT: "staging" }, { headers: { cookie } });
    expect(response.status).toBe(200);
    const text = await pageText(response);
    expect(text).toMatch(/For this deployment \( ?staging ?\):/);
    expect(text).toContain("npx wrangler secret put GITHUB_APP_PRIVATE_KEY --env staging < chittyconnect.private-key.pem");
  });

  it("refuses a link without a valid state for this browser, and never calls GitHub", async () => {
    const { action, cookie } = await openSetup();
    const state = action!.searchParams.get("state")!;
    conversion("code-456");
    const cases: [string, string | undefined, number][] = [
      ["?code=code-456", cookie, 400],
      [`?code=code-456&state=${state}`, undefined, 400],
      [`?code=code-456&state=${state}x`, cookie, 400],
      [`?state=${state}`, cookie, 400],
      [`?code=${encodeURIComponent("a/../b")}&state=${state}`, cookie, 400],
    ];
    for (const [query, sentCookie, status] of cases) {
      const response = await browse(`/integrations/github/manifest${query}`, sentCookie);
      expect(response.status, query).toBe(status);
      expect(await pageText(response)).toContain("Next step:");
    }
    expect(github.calls).toEqual([]);
  });

  it("answers 404 with a next step when GitHub no longer knows the code", async () => {
    const { action, cookie } = await openSetup();
    const response = await browse(`/integrations/github/manifest?code=expired-code&state=${action!.searchParams.get("state")}`, cookie);
    expect(response.status).toBe(404);
    expect(await pageText(response)).toMatch(/valid once, for one hour.*Next step:/);
  });
});

describe("GET /integrations/github/install", () => {
  it("answers 503 with a next step when GitHub is down", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    github.failures.set("GET /app", { status: 500 });
    const response = await browse("/integrations/github/install");
    expect(response.status).toBe(503);
    expect(await pageText(response)).toContain("GitHub is unavailable");
  });
});
