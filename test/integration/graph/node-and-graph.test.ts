import { describe, expect, it } from "vitest";
import { registerActor } from "../../fixtures/credentials";
import { connectViaRest } from "../../fixtures/connections";
import { call, gql, uniqueName } from "../../helpers";

async function createAs(key: string, name = uniqueName("graph")) {
  const response = await call("/v1/contexts/create", { method: "POST", key, body: JSON.stringify({ name }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Context { name } ... on ChronicleEvent { type } ... on DnaRecord { sequence } ... on Actor { displayName } } }`;

describe("Query.node, Query.nodes and Query.entityGraph", () => {
  it("resolve any ChittyID to its object: context, actor, connection, Chronicle event, DNA record", async () => {
    const owner = await registerActor(["contexts:read", "contexts:write", "connections:read", "connections:write"]);
    const context = await createAs(owner.apiKey);
    const connection = await connectViaRest({ contextId: context.id, service: "chittyverify" }, owner.apiKey);
    const history = await gql(`query($id: ID!) { context(id: $id) { dna { id } timeline(first: 1) { edges { node { id } } } } }`, { id: context.id });
    const dnaId = history.data!.context.dna[0].id;
    const eventId = history.data!.context.timeline.edges[0].node.id;

    const types = [];
    for (const id of [context.id, owner.id, connection.id, eventId, dnaId]) {
      const result = await gql(NODE, { id }, { key: owner.apiKey });
      expect(result.errors, id).toBeUndefined();
      expect(result.data!.node.id).toBe(id);
      types.push(result.data!.node.__typename);
    }
    expect(types).toEqual(["Context", "Actor", "ServiceConnection", "ChronicleEvent", "DnaRecord"]);

    const many = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [dnaId, context.id] }, { key: owner.apiKey });
    expect(many.data!.nodes).toEqual([{ __typename: "DnaRecord", id: dnaId }, { __typename: "Context", id: context.id }]);
    const unknown = await gql(NODE, { id: "CHITTY-CONTEXT-00000000-0000-4000-8000-00000000beef" }, { key: owner.apiKey });
    expect(unknown.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });

  it("refuse what the caller could not read with the object's own query, item by item in nodes", async () => {
    const owner = await registerActor(["contexts:read", "contexts:write"]);
    const intruder = await registerActor(["contexts:read", "contexts:write"]);
    const theirs = await createAs(owner.apiKey);
    const mine = await createAs(intruder.apiKey);
    const dna = await gql(`query($id: ID!) { context(id: $id) { dna { id } } }`, { id: theirs.id });
    for (const id of [theirs.id, owner.id, dna.data!.context.dna[0].id]) {
      expect((await gql(NODE, { id }, { key: intruder.apiKey })).errors![0]!.extensions!.code, id).toBe("FORBIDDEN");
    }
    const many = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [mine.id, theirs.id] }, { key: intruder.apiKey });
    expect(many.data!.nodes).toEqual([{ id: mine.id }, null]);
    expect(many.errors!.map((e) => e.extensions!.code)).toEqual(["FORBIDDEN"]);
    const graph = await gql(`query($id: ID!) { entityGraph(id: $id) { nodes { id } } }`, { id: theirs.id }, { key: intruder.apiKey });
    expect(graph.errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });

  it("entityGraph links a context to its owner and connections, and leaves out what the caller may not see", async () => {
    const registrar = await registerActor(["contexts:read", "contexts:write", "connections:read", "connections:write", "actors:register"]);
    const context = await createAs(registrar.apiKey);
    const connection = await connectViaRest({ contextId: context.id, service: "chittydna" }, registrar.apiKey);
    const query = `query($id: ID!, $depth: Int) { entityGraph(id: $id, depth: $depth) { nodes { __typename id } edges { from to relation } } }`;

    const graph = await gql(query, { id: context.id, depth: 2 }, { key: registrar.apiKey });
    expect(graph.errors).toBeUndefined();
    const ids = graph.data!.entityGraph.nodes.map((n: { id: string }) => n.id);
    expect(ids[0]).toBe(context.id);
    expect(ids).toEqual(expect.arrayContaining([registrar.id, connection.id]));
    expect(graph.data!.entityGraph.edges).toEqual(
      expect.arrayContaining([
        { from: registrar.id, to: context.id, relation: "owns" },
        { from: connection.id, to: context.id, relation: "connects" },
        { from: registrar.id, to: context.id, relation: "acted_on" },
      ]),
    );
    // The system actor registered the registrar: the administrator sees it, the registrar does not.
    expect(ids).not.toContain("CHITTY-ACTOR-00000000-0000-4000-8000-000000000000");
    for (const edge of graph.data!.entityGraph.edges) expect(ids).toEqual(expect.arrayContaining([edge.from, edge.to]));
    const admin = await gql(query, { id: context.id, depth: 3 });
    expect(admin.data!.entityGraph.nodes.map((n: { id: string }) => n.id)).toContain("CHITTY-ACTOR-00000000-0000-4000-8000-000000000000");

    const tooDeep = await gql(query, { id: context.id, depth: 4 }, { key: registrar.apiKey });
    expect(tooDeep.errors![0]!.extensions!.code).toBe("INVALID_INPUT");
  });
});

describe("Query.timeline filters", () => {
  it("narrows by types, actor and time range", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write"]);
    const context = await createAs(actor.apiKey);
    const update = await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "by the admin" }) });
    expect(update.status).toBe(200);
    const query = `query($id: String, $types: [String!], $actor: String, $since: DateTime, $until: DateTime) {
      timeline(subjectId: $id, types: $types, actorId: $actor, since: $since, until: $until) { edges { node { type actorId } } } }`;
    const all = await gql(query, { id: context.id });
    expect(all.data!.timeline.edges.map((e: any) => e.node.type)).toEqual(["context.updated", "context.created"]);
    const created = await gql(query, { id: context.id, types: ["context.created", "context.deleted"] });
    expect(created.data!.timeline.edges.map((e: any) => e.node.type)).toEqual(["context.created"]);
    const byActor = await gql(query, { id: context.id, actor: actor.id });
    expect(byActor.data!.timeline.edges).toEqual([{ node: { type: "context.created", actorId: actor.id } }]);
    const future = await gql(query, { id: context.id, since: new Date(Date.now() + 60_000).toISOString() });
    expect(future.data!.timeline.edges).toEqual([]);
    const past = await gql(query, { id: context.id, until: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.data!.timeline.edges).toEqual([]);
  });
});

describe("Query.services", () => {
  it("lists the seven services, embedded and healthy with nothing configured, for operators only", async () => {
    const result = await gql(`{ services { name mode url healthy circuit lastSuccessAt lastError { message } } }`);
    expect(result.data!.services).toHaveLength(7);
    for (const service of result.data!.services) {
      expect(service).toMatchObject({ mode: "embedded", url: null, healthy: true, circuit: "CLOSED", lastError: null });
    }
    const someone = await registerActor(["contexts:read"]);
    expect((await gql(`{ services { name } }`, {}, { key: someone.apiKey })).errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });
});
