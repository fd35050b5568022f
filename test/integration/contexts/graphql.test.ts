import { describe, expect, it } from "vitest";
import { gql, uniqueName } from "../../helpers";

const FIELDS = "id name description data status version ownerId owner { id type } createdAt updatedAt";

describe("GraphQL contexts", () => {
  it("creates, reads, updates, searches, lists and deletes a context, with its DNA and timeline", async () => {
    const name = uniqueName("graphql flow");
    const created = await gql(`mutation($input: CreateContextInput!) { createContext(input: $input) { ${FIELDS} } }`, {
      input: { name, description: "through GraphQL", data: { n: 1 } },
    });
    expect(created.errors).toBeUndefined();
    const context = created.data!.createContext;
    expect(context).toMatchObject({ name, data: { n: 1 }, status: "active", version: 1, owner: { type: "system" } });

    const read = await gql(`query($id: ID!) { context(id: $id) { ${FIELDS} } }`, { id: context.id });
    expect(read.data!.context).toEqual(context);

    const updated = await gql(
      `mutation($id: ID!, $input: UpdateContextInput!) { updateContext(id: $id, input: $input) { version name status } }`,
      { id: context.id, input: { version: 1, name: `${name} renamed`, status: "archived" } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateContext).toEqual({ version: 2, name: `${name} renamed`, status: "archived" });

    const search = await gql(`query($q: String!) { searchContexts(query: $q) { id } }`, { q: `${name} renamed` });
    expect(search.data!.searchContexts).toEqual([{ id: context.id }]);

    const list = await gql(`query { contexts(first: 100, filter: { status: archived }) { edges { node { id } } } }`);
    expect(list.data!.contexts.edges.map((e: any) => e.node.id)).toContain(context.id);

    const deleted = await gql(`mutation($id: ID!) { deleteContext(id: $id) { status version } }`, { id: context.id });
    expect(deleted.data!.deleteContext).toEqual({ status: "deleted", version: 3 });

    const gone = await gql(`query($id: ID!) { context(id: $id) { id } }`, { id: context.id });
    expect(gone.errors![0]!.extensions!.code).toBe("NOT_FOUND");

    const history = await gql(
      `query($id: String!) { timeline(subjectId: $id, first: 10) { edges { node { type subjectId actorId data } } } }`,
      { id: context.id },
    );
    expect(history.data!.timeline.edges.map((e: any) => e.node.type)).toEqual(["context.deleted", "context.updated", "context.created"]);
  });

  it("links each DNA record to the one before it, genesis first", async () => {
    const created = await gql(`mutation($input: CreateContextInput!) { createContext(input: $input) { id } }`, {
      input: { name: uniqueName("dna") },
    });
    const id = created.data!.createContext.id;
    await gql(`mutation($id: ID!) { updateContext(id: $id, input: { version: 1, description: "v2" }) { id } }`, { id });
    const dna = await gql(`mutation($id: ID!) { updateContext(id: $id, input: { version: 2, description: "v3" }) { dna { id kind sequence previousId stateHash event } timeline(first: 1) { edges { node { type } } } } }`, { id });
    const records = dna.data!.updateContext.dna as any[];
    expect(records.map((r) => [r.kind, r.sequence, r.event])).toEqual([
      ["genesis", 1, "created"],
      ["evolution", 2, "updated"],
      ["evolution", 3, "updated"],
    ]);
    expect(records[0].previousId).toBeNull();
    expect(records[1].previousId).toBe(records[0].id);
    expect(records[2].previousId).toBe(records[1].id);
    expect(new Set(records.map((r) => r.stateHash)).size).toBe(3);
    expect(dna.data!.updateContext.timeline.edges[0].node.type).toBe("context.updated");
  });

  it("pages contexts as a Relay connection", async () => {
    const prefix = uniqueName("relay");
    for (let i = 0; i < 3; i++) {
      await gql(`mutation($input: CreateContextInput!) { createContext(input: $input) { id } }`, { input: { name: `${prefix} ${i}` } });
    }
    const first = await gql(`query { contexts(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data!.contexts.edges).toHaveLength(2);
    expect(first.data!.contexts.pageInfo.hasNextPage).toBe(true);
    const next = await gql(`query($after: String) { contexts(first: 2, after: $after) { edges { node { id } } } }`, {
      after: first.data!.contexts.pageInfo.endCursor,
    });
    const firstIds = first.data!.contexts.edges.map((e: any) => e.node.id);
    for (const edge of next.data!.contexts.edges) expect(firstIds).not.toContain(edge.node.id);
  });
});
