import { describe, expect, it } from "vitest";
import { call, errorOf, uniqueName } from "../../helpers";
import { contextsNamed } from "../../fixtures/db";

describe("zero-trust: every route but /health and the GitHub App's public routes needs the bearer key", () => {
  const routes: [string, string, string?][] = [
    ["POST", "/v1/contexts/create", JSON.stringify({ name: "x" })],
    ["GET", "/v1/contexts/list"],
    ["GET", "/v1/contexts/search?q=x"],
    ["GET", "/v1/contexts/CHITTY-CONTEXT-00000000-0000-4000-8000-000000000001"],
    ["PATCH", "/v1/contexts/CHITTY-CONTEXT-00000000-0000-4000-8000-000000000001", JSON.stringify({ version: 1, name: "x" })],
    ["DELETE", "/v1/contexts/CHITTY-CONTEXT-00000000-0000-4000-8000-000000000001"],
    ["POST", "/graphql", JSON.stringify({ query: "{ contexts { edges { cursor } } }" })],
    ["GET", "/graphql?query=%7B__typename%7D"],
    ["GET", "/openapi.json"],
    ["GET", "/no/such/route"],
    // Public routes are exact method and path pairs: neighbours of the GitHub routes stay closed.
    ["GET", "/integrations/github/webhook"],
    ["POST", "/integrations/github/setup", "{}"],
    ["GET", "/integrations/github/unknown"],
  ];

  for (const key of [null, "wrong-key", "test-admin-key-0123456789abcdeX", ""]) {
    it(`answers 401 JSON with key ${JSON.stringify(key)}`, async () => {
      for (const [method, path, body] of routes) {
        const response = await call(path, { method, body, key });
        expect(response.headers.get("content-type"), `${method} ${path}`).toMatch(/application\/json/);
        expect(await errorOf(response), `${method} ${path}`).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
      }
    });
  }

  it("refuses a non-Bearer scheme", async () => {
    const response = await call("/v1/contexts/list", { key: null, headers: { authorization: "Basic dGVzdA==" } });
    expect(response.status).toBe(401);
  });

  it("writes nothing for an unauthenticated mutation", async () => {
    const name = uniqueName("unauthenticated");
    await call("/v1/contexts/create", { method: "POST", body: JSON.stringify({ name }), key: "nope" });
    await call("/graphql", {
      method: "POST",
      key: "nope",
      body: JSON.stringify({ query: `mutation { createContext(input: { name: ${JSON.stringify(name)} }) { id } }` }),
    });
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("serves the GraphiQL page without a key in development only", async () => {
    const page = await call("/graphql", { key: null, headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("GraphiQL");
  });
});
