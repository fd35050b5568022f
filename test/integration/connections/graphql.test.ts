import { describe, expect, it } from "vitest";
import { createContextViaRest, gql, uniqueName } from "../../helpers";
import { storedConnection } from "../../fixtures/connections";

const FIELDS = "id contextId service status config ownerId createdAt updatedAt lastCheckedAt disconnectedAt";

describe("GraphQL connections", () => {
  it("creates, reads, lists, checks and disconnects a connection, navigable from its context", async () => {
    const context = await createContextViaRest({ name: uniqueName("graphql connect") });
    const created = await gql(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { ${FIELDS} } }`, {
      input: { contextId: context.id, service: "chittyregistry", config: { tier: 1 } },
    });
    expect(created.errors).toBeUndefined();
    const connection = created.data!.createConnection;
    expect(connection).toMatchObject({ contextId: context.id, service: "chittyregistry", status: "active", config: { tier: 1 }, lastCheckedAt: null });

    const read = await gql(`query($id: ID!) { connection(id: $id) { ${FIELDS} } }`, { id: connection.id });
    expect(read.data!.connection).toEqual(connection);

    const listed = await gql(
      `query($ctx: String) { connections(first: 10, filter: { contextId: $ctx, service: chittyregistry }) { edges { node { id context { id name } } } } }`,
      { ctx: context.id },
    );
    expect(listed.data!.connections.edges).toEqual([{ node: { id: connection.id, context: { id: context.id, name: context.name } } }]);

    const viaContext = await gql(`query($id: ID!) { context(id: $id) { connections(first: 5) { edges { node { id service } } } } }`, {
      id: context.id,
    });
    expect(viaContext.data!.context.connections.edges).toEqual([{ node: { id: connection.id, service: "chittyregistry" } }]);

    const health = await gql(`query($id: ID!) { connectionHealth(id: $id) { healthy mode reason checkedAt connection { status lastCheckedAt } } }`, {
      id: connection.id,
    });
    expect(health.data!.connectionHealth).toMatchObject({ healthy: true, mode: "embedded", connection: { status: "active" } });
    expect(health.data!.connectionHealth.connection.lastCheckedAt).toBe(health.data!.connectionHealth.checkedAt);

    const disconnect = `mutation($id: ID!) { disconnectConnection(id: $id) { status disconnectedAt } }`;
    const disconnected = await gql(disconnect, { id: connection.id });
    expect(disconnected.data!.disconnectConnection).toMatchObject({ status: "disconnected", disconnectedAt: expect.any(String) });
    const again = await gql(disconnect, { id: connection.id });
    expect(again.errors![0]!.extensions!.code).toBe("ALREADY_DISCONNECTED");
    expect((await storedConnection(connection.id)).events).toEqual(["connection.created", "connection.disconnected"]);

    const afterward = await gql(`query($id: ID!) { context(id: $id) { connections { edges { node { id } } } } }`, { id: context.id });
    expect(afterward.data!.context.connections.edges).toEqual([]);
    await gql(`mutation($id: ID!) { deleteContext(id: $id) { id } }`, { id: context.id });
    const orphan = await gql(`query($id: ID!) { connection(id: $id) { context { id } } }`, { id: connection.id });
    expect(orphan).toMatchObject({ data: { connection: { context: null } } });

    const history = await gql(`query($id: ID!) { connection(id: $id) { timeline(first: 10) { edges { node { type } } } dna { event kind } } }`, {
      id: connection.id,
    });
    expect(history.data!.connection.timeline.edges.map((e: any) => e.node.type)).toEqual(["connection.disconnected", "connection.created"]);
    expect(history.data!.connection.dna).toEqual([{ event: "created", kind: "genesis" }, { event: "disconnected", kind: "evolution" }]);
  });

  it("reports DUPLICATE_CONNECTION and CONTEXT_DELETED as typed errors", async () => {
    const context = await createContextViaRest({ name: uniqueName("graphql duplicate") });
    const create = `mutation($ctx: String!) { createConnection(input: { contextId: $ctx, service: chittyid }) { id } }`;
    expect((await gql(create, { ctx: context.id })).errors).toBeUndefined();
    expect((await gql(create, { ctx: context.id })).errors![0]!.extensions!.code).toBe("DUPLICATE_CONNECTION");
    await gql(`mutation($id: ID!) { deleteContext(id: $id) { id } }`, { id: context.id });
    expect((await gql(create, { ctx: context.id })).errors![0]!.extensions!.code).toBe("CONTEXT_DELETED");
  });
});
