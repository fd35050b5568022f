import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../src/limits";
import { contextsNamed } from "../../fixtures/db";
import { connectionsOf } from "../../fixtures/connections";
import { call, createContextViaRest, errorOf, gql, uniqueName } from "../../helpers";

/** `{"a":{"a":…{"leaf":true}…}}`: `levels` nested objects, built as text so no recursion is needed here either. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"leaf":true}${"}".repeat(levels - 1)}`;
/** The same shape as a GraphQL input literal. */
const nestedLiteral = (levels: number) => `${"{ a: ".repeat(levels - 1)}{ leaf: true }${" }".repeat(levels - 1)}`;

const createContext = (name: string, dataJson: string) =>
  call("/v1/contexts/create", { method: "POST", body: `{"name":${JSON.stringify(name)},"data":${dataJson}}` });

describe(`JSON inputs nested deeper than ${LIMITS.jsonDepth} levels`, () => {
  it("are refused by REST with 422, however deep, and the limit itself is accepted", async () => {
    const atLimit = uniqueName("json at limit");
    expect((await createContext(atLimit, nestedJson(LIMITS.jsonDepth))).status).toBe(201);
    for (const levels of [LIMITS.jsonDepth + 1, 2_600]) {
      const name = uniqueName(`json ${levels} deep`);
      const error = await errorOf(await createContext(name, nestedJson(levels)));
      expect(error, `${levels} levels`).toMatchObject({ status: 422, code: "INVALID_INPUT" });
      expect(error.message).toContain(`at most ${LIMITS.jsonDepth} levels`);
      expect(await contextsNamed(name)).toEqual([]);
    }
  });

  it("are refused by REST with 422 when arrays nest as deep as the body limit allows", async () => {
    const levels = 100_000;
    const name = uniqueName("json arrays");
    const error = await errorOf(await createContext(name, `{"list":${"[".repeat(levels)}${"]".repeat(levels)}}`));
    expect(error).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    expect(error.message).toContain(`at most ${LIMITS.jsonDepth} levels`);
    expect(await contextsNamed(name)).toEqual([]);
  });

  it("are refused in a connection's config", async () => {
    const context = await createContextViaRest({ name: uniqueName("deep config") });
    const response = await call("/v1/connections", {
      method: "POST",
      body: `{"contextId":"${context.id}","service":"chittyid","config":${nestedJson(2_600)}}`,
    });
    expect(await errorOf(response)).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("are refused by GraphQL as INVALID_INPUT, from a variable or an inline literal", async () => {
    const mutation = "mutation($input: CreateContextInput!) { createContext(input: $input) { id } }";
    const fromVariable = uniqueName("deep variable");
    const variable = await gql(mutation, { input: { name: fromVariable, data: JSON.parse(nestedJson(2_600)) } });
    expect(variable.status).toBe(200);
    expect(variable.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    expect(await contextsNamed(fromVariable)).toEqual([]);

    const literal = (name: string, levels: number) =>
      gql(`mutation { createContext(input: { name: ${JSON.stringify(name)}, data: ${nestedLiteral(levels)} }) { id } }`);
    const atLimit = await literal(uniqueName("literal at limit"), LIMITS.jsonDepth);
    expect(atLimit.errors).toBeUndefined();
    const tooDeep = uniqueName("deep literal");
    const refused = await literal(tooDeep, LIMITS.jsonDepth + 1);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "INVALID_INPUT" } });
    expect(refused.errors?.[0]?.message).toContain(`at most ${LIMITS.jsonDepth} levels`);
    expect(await contextsNamed(tooDeep)).toEqual([]);
  });

  it("are measured before parsing when a literal nests as deep as the token limit allows, and end at that limit beyond", async () => {
    const literal = (levels: number) => gql(`mutation { createContext(input: { name: "x", data: ${nestedLiteral(levels)} }) { id } }`);
    const withinTokens = await literal(450);
    expect(withinTokens.status).toBe(200);
    expect(withinTokens.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    const beyondTokens = await literal(2_600);
    expect(beyondTokens.status).toBe(200);
    expect(beyondTokens.errors?.[0]?.message).toMatch(/Token limit/);
  });
});
