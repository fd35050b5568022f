import { describe, expect, it } from "vitest";
import { call } from "../../helpers";

describe("GET /dashboard", () => {
  it("serves the page without a key, under a CSP that allows no inline script or style and no other origin", async () => {
    const response = await call("/dashboard", { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp.split("; ")).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"]));
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const page = await response.text();
    // Every script has a src, there is no <style> element and no style attribute, and nothing names another origin.
    expect(page.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/dashboard\/assets\/[0-9a-f]+\/dashboard\.js">$/)]);
    expect(page).not.toMatch(/<style|style=|https?:\/\//);
    for (const asset of page.match(/\/dashboard\/assets\/[0-9a-f]+\/dashboard\.(?:js|css)/g)!) {
      const file = await call(asset, { key: null });
      expect(file.status, asset).toBe(200);
      expect(file.headers.get("cache-control")).toContain("immutable");
      expect(await file.text()).not.toMatch(/https?:\/\/(?!www\.w3\.org|github\.com\/leeoniya)/);
    }
  });

  it("answers no other dashboard path without a key", async () => {
    expect((await call("/dashboard/assets/0000/dashboard.js", { key: null })).status).toBe(401);
    expect((await call("/dashboard", { key: null, method: "POST", body: "{}" })).status).toBe(401);
  });
});
