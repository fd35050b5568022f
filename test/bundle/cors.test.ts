import { describe, expect, it } from "vitest";
import { bundleFetch } from "./helpers";

// The production variant lists these two (test/bundle/variants.ts); the default lists none, as wrangler.toml does.
const LISTED = "https://app.chitty.test";
const UNLISTED = "https://evil.test";

const preflight = (origin: string, variant: "default" | "production") =>
  bundleFetch("/graphql", {
    method: "OPTIONS",
    key: null,
    variant,
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
  });

describe("CORS", () => {
  it("answers a listed origin with exactly that origin and never allows credentials", async () => {
    const response = await bundleFetch("/graphql", {
      method: "POST",
      variant: "production",
      headers: { origin: LISTED },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/origin/i);
  });

  it("lets a listed origin read a refusal too", async () => {
    const response = await bundleFetch("/v1/contexts/list", { key: null, variant: "production", headers: { origin: LISTED } });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
  });

  it("gives an unlisted origin no Access-Control-Allow-Origin", async () => {
    for (const variant of ["production", "default"] as const) {
      const response = await bundleFetch("/graphql", {
        method: "POST",
        variant,
        headers: { origin: UNLISTED },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(response.status, variant).toBe(200);
      expect(response.headers.get("access-control-allow-origin"), variant).toBeNull();
      expect(response.headers.get("access-control-allow-credentials"), variant).toBeNull();
    }
  });

  it("lets no browser read the webhook's answers, since GitHub calls it server to server", async () => {
    const refused = await bundleFetch("/integrations/github/webhook", {
      method: "POST",
      key: null,
      variant: "production",
      headers: { origin: LISTED, "x-github-event": "ping", "x-github-delivery": crypto.randomUUID(), "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      body: "{}",
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("vary")).toBeNull();
    // Nor may a listed origin's page send it one: its preflight is refused, not answered by the global policy.
    const preflighted = await bundleFetch("/integrations/github/webhook", {
      method: "OPTIONS",
      key: null,
      variant: "production",
      headers: { origin: LISTED, "access-control-request-method": "POST", "access-control-request-headers": "x-hub-signature-256, x-github-event" },
    });
    expect(preflighted.status).toBe(405);
    expect(preflighted.headers.get("allow")).toBe("POST");
    expect(preflighted.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflighted.headers.get("access-control-allow-methods")).toBeNull();
    expect(await preflighted.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: expect.any(String) } });
  });

  it("answers a listed origin's preflight without a credential, and no one else's", async () => {
    const listed = await preflight(LISTED, "production");
    expect(listed.status).toBe(204);
    expect(listed.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(listed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(listed.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(listed.headers.get("access-control-allow-credentials")).toBeNull();
    for (const [origin, variant] of [[UNLISTED, "production"], [LISTED, "default"]] as const) {
      const refused = await preflight(origin, variant);
      expect(refused.headers.get("access-control-allow-origin"), `${origin} on ${variant}`).toBeNull();
    }
  });
});
