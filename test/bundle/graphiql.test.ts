import { describe, expect, it } from "vitest";
import { bundleFetch } from "./helpers";

const openInBrowser = (path: string, variant: "default" | "production" = "default") =>
  bundleFetch(path, { key: null, variant, headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });

/** Every URL the page refers to: src/href attributes and the worker scripts named in its inline config. */
function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  const workers = [...html.matchAll(/"([^"]+\.worker\.js)"/g)].map((m) => m[1]!);
  return [...attributes, ...workers];
}

describe("GraphiQL", () => {
  it("is served in development with every script from the Worker itself, and no other origin named", async () => {
    const page = await openInBrowser("/graphql");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html.match(/https?:\/\/[^\s"'<>]+/g) ?? []).toEqual([]);
    expect(html).not.toMatch(/(?:src|href)="\/\//);
    const urls = referencedUrls(html);
    expect(urls.filter((u) => u.endsWith(".js")).length).toBeGreaterThanOrEqual(4);
    for (const url of urls) {
      expect(url, url).toMatch(/^\/(?!\/)/);
      const asset = await bundleFetch(url, { key: null });
      expect(asset.status, url).toBe(200);
      if (url.endsWith(".js")) expect(asset.headers.get("content-type"), url).toMatch(/javascript/);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it("tells the user where the key goes", async () => {
    const html = await (await openInBrowser("/graphql")).text();
    expect(html).toMatch(/id="key-note"[^>]*>[^<]*Headers[^<]*&lt;CHITTYCONNECT_ADMIN_KEY&gt;/);
    expect(html).toContain('"headers":"{\\n  \\"Authorization\\": \\"Bearer \\u003cCHITTYCONNECT_ADMIN_KEY>\\"\\n}"');
  });

  it("is served again when the browser reloads /graphql?query=…", async () => {
    const page = await openInBrowser("/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("renderYogaGraphiQL");
  });

  it("is not served outside development, nor are its assets", async () => {
    const page = await openInBrowser("/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D", "production");
    expect(page.status).toBe(401);
    expect(page.headers.get("content-type")).not.toMatch(/html/);
    const developmentPage = await (await openInBrowser("/graphql")).text();
    const script = referencedUrls(developmentPage).find((u) => u.endsWith("graphiql.js"))!;
    expect((await bundleFetch(script, { key: null, variant: "production" })).status).toBe(401);
    expect((await bundleFetch(script, { variant: "production" })).status).toBe(404);
  });
});
