import { describe, expect, it } from "vitest";
import { call, createContextViaRest, errorOf, gql, uniqueName } from "../../helpers";
import { connectViaRest, connectionsOf, storedConnection } from "../../fixtures/connections";

const post = (body: string, headers: Record<string, string> = {}) => call("/v1/connections", { method: "POST", body, headers });
const UNKNOWN_CONN = "CHITTY-CONN-00000000-0000-4000-8000-00000000dead";
const UNKNOWN_CONTEXT = "CHITTY-CONTEXT-00000000-0000-4000-8000-00000000dead";

describe("connections refuse bad input and write nothing", () => {
  it("answers 422 for missing or invalid fields, unknown services and oversized or malformed config", async () => {
    const context = await createContextViaRest({ name: uniqueName("bad connection input") });
    const cases: [Record<string, unknown>, string][] = [
      [{ service: "chittyid" }, "contextId"],
      [{ contextId: context.id }, "service"],
      [{ contextId: "not a chitty id", service: "chittyid" }, "contextId"],
      [{ contextId: context.id, service: "slack" }, "service"],
      [{ contextId: context.id, service: "chittyid", config: [] }, "config"],
      [{ contextId: context.id, service: "chittyid", config: "x" }, "config"],
      [{ contextId: context.id, service: "chittyid", config: { blob: "x".repeat(16 * 1024) } }, "config"],
      [{ contextId: context.id, service: "github" }, "config"],
      [{ contextId: context.id, service: "github", config: {} }, "config.installationId"],
      [{ contextId: context.id, service: "github", config: { installationId: -4 } }, "config.installationId"],
      [{ contextId: context.id, service: "github", config: { installationId: "42" } }, "config.installationId"],
      [{ contextId: context.id, service: "github", config: { installationId: 1.5 } }, "config.installationId"],
    ];
    for (const [body, path] of cases) {
      const response = await post(JSON.stringify(body));
      const error = (await response.json()) as { error: { code: string; details: { path: string[] }[] } };
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(error.error.code).toBe("INVALID_INPUT");
      expect(error.error.details.map((d) => d.path.join(".")), JSON.stringify(body).slice(0, 80)).toContain(path);
    }
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("answers 400 for invalid JSON, 415 for another content type and 413 for a huge body", async () => {
    const context = await createContextViaRest({ name: uniqueName("bad connection body") });
    expect(await errorOf(await post("{ not json"))).toMatchObject({ status: 400, code: "INVALID_JSON" });
    const form = await post(`contextId=${context.id}&service=chittyid`, { "content-type": "application/x-www-form-urlencoded" });
    expect(await errorOf(form)).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
    const huge = await post(JSON.stringify({ contextId: context.id, service: "chittyid", config: { blob: "x".repeat(300 * 1024) } }));
    expect(await errorOf(huge)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("answers 404 for an unknown context and 409 for a deleted one", async () => {
    const unknown = await post(JSON.stringify({ contextId: UNKNOWN_CONTEXT, service: "chittyid" }));
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await connectionsOf(UNKNOWN_CONTEXT)).toEqual([]);
    const context = await createContextViaRest({ name: uniqueName("deleted before connect") });
    await call(`/v1/contexts/${context.id}`, { method: "DELETE" });
    const deleted = await post(JSON.stringify({ contextId: context.id, service: "chittyid" }));
    expect(await errorOf(deleted)).toMatchObject({ status: 409, code: "CONTEXT_DELETED" });
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("answers 404 for an unknown connection and 422 for an id that is not a connection ChittyID", async () => {
    for (const [method, suffix] of [["GET", ""], ["DELETE", ""], ["GET", "/status"]] as const) {
      expect(await errorOf(await call(`/v1/connections/${UNKNOWN_CONN}${suffix}`, { method })), `${method} ${suffix}`).toMatchObject({
        status: 404,
        code: "NOT_FOUND",
      });
      expect(await errorOf(await call(`/v1/connections/${UNKNOWN_CONTEXT}${suffix}`, { method }))).toMatchObject({
        status: 422,
        code: "INVALID_INPUT",
      });
    }
    expect(await errorOf(await call(`/v1/connections/list?contextId=${UNKNOWN_CONTEXT}`))).toMatchObject({ status: 404 });
  });

  it("answers 422 for bad list filters and page sizes, and 400 for a cursor it did not issue", async () => {
    for (const query of ["service=slack", "status=gone", "contextId=no%20pe", "first=0", "first=101", "first=ten"]) {
      expect(await errorOf(await call(`/v1/connections/list?${query}`)), query).toMatchObject({ status: 422, code: "INVALID_INPUT" });
    }
    expect(await errorOf(await call("/v1/connections/list?after=garbage"))).toMatchObject({ status: 400, code: "INVALID_CURSOR" });
    const result = await gql(`query { connections(first: 1, after: "WyJ4Il0") { edges { cursor } } }`);
    expect(result.errors![0]!.extensions!.code).toBe("INVALID_CURSOR");
  });

  it("leaves a connection untouched when a refused request names it", async () => {
    const context = await createContextViaRest({ name: uniqueName("untouched") });
    const connection = await connectViaRest({ contextId: context.id, service: "chittyid" });
    const before = await storedConnection(connection.id);
    const duplicate = await post(JSON.stringify({ contextId: context.id, service: "chittyid", config: { again: true } }));
    expect(await errorOf(duplicate)).toMatchObject({ status: 409, code: "DUPLICATE_CONNECTION" });
    expect(await storedConnection(connection.id)).toEqual(before);
    expect(await connectionsOf(context.id)).toHaveLength(1);
  });
});

describe("GraphQL connection fields refuse bad input with typed errors", () => {
  it("reports INVALID_INPUT with the failing path and writes nothing", async () => {
    const context = await createContextViaRest({ name: uniqueName("graphql bad connection") });
    const create = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ contextId: "no pe", service: "chittyid" }, ["input", "contextId"]],
      [{ contextId: context.id, service: "github", config: { installationId: 0 } }, ["input", "config", "installationId"]],
      [{ contextId: context.id, service: "chittyid", config: { blob: "x".repeat(16 * 1024) } }, ["input", "config"]],
    ];
    for (const [input, path] of cases) {
      const result = await gql(create, { input });
      expect(result.data, JSON.stringify(input).slice(0, 80)).toBeNull();
      expect(result.errors![0]!.extensions).toMatchObject({ code: "INVALID_INPUT", details: [{ path }] });
    }
    const unknownService = await gql(create, { input: { contextId: context.id, service: "slack" } });
    expect(unknownService.errors![0]!.message).toMatch(/slack/);
    expect(await connectionsOf(context.id)).toEqual([]);
  });

  it("reports NOT_FOUND, INVALID_INPUT and page-size errors for reads", async () => {
    const byId = (field: string, id: string) => gql(`query($id: ID!) { ${field}(id: $id) { __typename } }`, { id });
    for (const field of ["connection", "connectionHealth"]) {
      expect((await byId(field, UNKNOWN_CONN)).errors![0]!.extensions!.code, field).toBe("NOT_FOUND");
      expect((await byId(field, "x y")).errors![0]!.extensions!.code, field).toBe("INVALID_INPUT");
    }
    const disconnect = await gql(`mutation($id: ID!) { disconnectConnection(id: $id) { id } }`, { id: UNKNOWN_CONN });
    expect(disconnect.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    for (const args of ["first: 101", "last: 2", `filter: { contextId: "no pe" }`]) {
      const result = await gql(`query { connections(${args}) { edges { cursor } } }`);
      expect(result.errors![0]!.extensions!.code, args).toBe("INVALID_INPUT");
    }
  });
});
