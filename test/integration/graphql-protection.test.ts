import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { GRAPHQL_LIMITS } from "../../src/limits";
import { yoga } from "../../src/yoga";
import { requestContext } from "../fixtures/request-context";
import { call, gql } from "../helpers";

describe("GraphQL protection", () => {
  it("refuses documents that are too deep, too aliased or too long before executing them", async () => {
    const deep = `{ me { ${"contexts(first: 1) { edges { node { owner { ".repeat(3)}id${" } } } }".repeat(3)} } }`;
    const aliased = `{ ${Array.from({ length: GRAPHQL_LIMITS.aliases + 1 }, (_, i) => `a${i}: me { id }`).join(" ")} }`;
    const long = `{ me { ${"id ".repeat(GRAPHQL_LIMITS.tokens)} } }`;
    for (const [name, query] of Object.entries({ deep, aliased, long })) {
      const result = await gql(query);
      expect(result.data, name).toBeUndefined();
      expect(result.errors?.[0]?.message, name).toMatch(/depth|aliases|Token limit|Syntax Error|cost/i);
    }
  });

  it("refuses GET queries without the CSRF header and form posts", async () => {
    const get = await call("/graphql?query=%7Bme%7Bid%7D%7D");
    expect(get.status).toBe(403);
    const form = await call("/graphql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=%7Bme%7Bid%7D%7D",
    });
    expect([403, 415]).toContain(form.status);
    const allowed = await call("/graphql?query=%7Bme%7Bid%7D%7D", { headers: { "x-graphql-yoga-csrf": "1" } });
    expect(allowed.status).toBe(200);
  });

  it("masks unexpected errors and keeps actionable ones typed", async () => {
    const missing = await gql(`{ context(id: "CHITTY-CONTEXT-00000000-0000-4000-8000-000000000000") { id } }`);
    expect(missing.status).toBe(200);
    expect(missing.errors![0]!.extensions).toEqual({ code: "NOT_FOUND" });

    const brokenDb = new Proxy({}, { get: () => { throw new Error("secret internal detail"); } });
    const ask = async (environment: string) => {
      const response = await yoga.fetch(
        new Request("https://connect.test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ context(id: "CHITTY-CONTEXT-00000000-0000-4000-8000-000000000000") { id } }` }),
        }),
        { ...requestContext(), env: { ...(env as Env), ENVIRONMENT: environment }, db: brokenDb as never },
      );
      return response.text();
    };
    for (const environment of ["production", "staging"]) {
      const text = await ask(environment);
      expect(text, environment).toContain("Unexpected error.");
      expect(text, environment).not.toMatch(/secret internal detail|originalError|stack/);
    }
    // Development shows what was masked, as Yoga's own development mode would.
    const development = JSON.parse(await ask("development")) as any;
    expect(development.errors[0].message).toBe("Unexpected error.");
    expect(development.errors[0].extensions.originalError.message).toBe("secret internal detail");
  });

  it("suggests field names in development and hides them in production", async () => {
    const ask = async (environment: string) => {
      const response = await yoga.fetch(
        new Request("https://connect.test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ contxt(id: \"x\") { id } }" }),
        }),
        { ...requestContext(), env: { ...(env as Env), ENVIRONMENT: environment } },
      );
      return ((await response.json()) as any).errors[0].message as string;
    };
    expect(await ask("development")).toMatch(/Did you mean "context"/);
    const production = await ask("production");
    expect(production).toMatch(/Cannot query field "contxt"/);
    expect(production).not.toMatch(/context"/);
  });

  it("hides enum value suggestions in production, from literals and from variables", async () => {
    const ask = async (environment: string, query: string, variables = {}) => {
      const response = await yoga.fetch(
        new Request("https://connect.test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        }),
        { ...requestContext(), env: { ...(env as Env), ENVIRONMENT: environment } },
      );
      return ((await response.json()) as any).errors[0].message as string;
    };
    const literal = "{ contexts(filter: { status: activ }) { edges { node { id } } } }";
    const variable = ["query($s: SettableContextStatus) { contexts(filter: { status: $s }) { edges { node { id } } } }", { s: "activ" }] as const;
    expect(await ask("development", literal)).toMatch(/Did you mean the enum value "active"\?/);
    expect(await ask("development", ...variable)).toMatch(/Did you mean the enum value "active"\?/);
    for (const [query, variables] of [[literal, {}], variable] as const) {
      const production = await ask("production", query, variables);
      expect(production).toMatch(/Value "activ" does not exist in "SettableContextStatus" enum\.$/);
      expect(production).not.toMatch(/Did you mean|"active"/);
    }
  });

  it("allows introspection in development and refuses it in production", async () => {
    const query = JSON.stringify({ query: "{ __schema { queryType { name } } }" });
    const ask = (environment: string) =>
      yoga.fetch(
        new Request("https://connect.test/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: query }),
        { ...requestContext(), env: { ...(env as Env), ENVIRONMENT: environment } },
      );
    const dev = (await (await ask("development")).json()) as any;
    expect(dev.data.__schema.queryType.name).toBe("Query");
    const prod = (await (await ask("production")).json()) as any;
    expect(prod.data).toBeUndefined();
    expect(prod.errors[0].message).toMatch(/introspection/i);
  });
});
