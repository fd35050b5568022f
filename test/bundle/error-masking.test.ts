import { describe, expect, it } from "vitest";
import { bundleGraphql } from "./helpers";
import type { BundleVariant } from "./variants";

const ERRORS = {
  "a syntax error": { query: "{ me { id ", status: { json: 200, graphqlResponse: 400 } },
  "a validation error": { query: "{ noSuchField }", status: { json: 200, graphqlResponse: 400 } },
  // The variants' D1 has no tables, so this resolver fails the way an unexpected fault does; `data` is null, so 2xx.
  "an unexpected resolver error": { query: "{ contexts(first: 1) { edges { node { id } } } }", status: { json: 200, graphqlResponse: 200 } },
} as const;

// What a leaked internal error looks like: Yoga's development extension, a V8 stack frame, D1's own words.
const LEAK = /originalError|"stack"|\n\s+at |\bat .+:\d+:\d+|no such table|D1_ERROR|SQLITE/;

describe.each(["production", "staging"] satisfies BundleVariant[])("errors answered with ENVIRONMENT=%s", (variant) => {
  it.each(Object.entries(ERRORS))("carry no original error or stack for %s", async (_name, { query, status }) => {
    for (const [accept, expected] of [
      ["application/json", status.json],
      ["application/graphql-response+json", status.graphqlResponse],
    ] as const) {
      const answer = await bundleGraphql(query, {}, { variant, accept });
      expect(answer.status, accept).toBe(expected);
      expect(answer.body.errors?.length, accept).toBeGreaterThan(0);
      expect(answer.text, accept).not.toMatch(LEAK);
    }
  });

  it("keep the unexpected error's message generic", async () => {
    const answer = await bundleGraphql(ERRORS["an unexpected resolver error"].query, {}, { variant });
    expect(answer.body.errors?.[0]).toMatchObject({ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });
});

describe("suggestions", () => {
  const query = "{ contexts(filter: { status: activ }) { edges { node { id } } } contxts: context(idd: \"x\") { id } }";

  it("are hidden in production, enum values included", async () => {
    const answer = await bundleGraphql(query, {}, { variant: "production" });
    expect(answer.body.errors?.length).toBeGreaterThanOrEqual(2);
    expect(answer.text).not.toMatch(/Did you mean/);
  });

  it("are offered in development", async () => {
    const answer = await bundleGraphql(query);
    expect(answer.text).toMatch(/Did you mean the enum value \\"active\\"\?/);
    expect(answer.text).toMatch(/Did you mean \\"id\\"\?/);
  });
});
