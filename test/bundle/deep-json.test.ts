import { describe, expect, it } from "vitest";
import { bundleFetch, bundleGraphql } from "./helpers";

const nestedJson = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"leaf":true}${"}".repeat(levels - 1)}`;

// The review's case: about 2,600 levels overflowed the stack in the bundled worker and answered 500.
describe("JSON nested 2,600 levels deep, in the bundled worker", () => {
  it("answers 422 over REST", async () => {
    const response = await bundleFetch("/v1/contexts/create", {
      method: "POST",
      body: `{"name":"deep ${crypto.randomUUID()}","data":${nestedJson(2_600)}}`,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT" } });
  });

  it("answers 422 over GraphQL when the media type lets the status speak", async () => {
    const mutation = "mutation($input: CreateContextInput!) { createContext(input: $input) { id } }";
    const input = { name: `deep ${crypto.randomUUID()}`, data: JSON.parse(nestedJson(2_600)) };
    const answer = await bundleGraphql(mutation, { input }, { accept: "application/graphql-response+json" });
    expect(answer.status).toBe(422);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    const plain = await bundleGraphql(mutation, { input });
    expect(plain.status).toBe(200);
    expect(plain.body.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });
});
