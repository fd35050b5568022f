import { getNamedType, isObjectType } from "graphql";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticateRequest } from "../../../src/auth/authenticate-request";
import { worker } from "../../../src/index.development";
import { schema } from "../../../src/schema/index";
import { call } from "../../helpers";
import { serveChittyAuthJwks } from "../../fixtures/credentials";
import { ATTEMPT, buildMatrixWorld, fingerprint, type MatrixWorld } from "../../fixtures/matrix-world";

type Rule = { capability: string; open?: never } | { open: string; capability?: never };

/** The public routes (GET /graphql before authentication is GraphiQL's page, development only). */
const PUBLIC = [
  "GET /health",
  "POST /integrations/github/webhook",
  // Answers only a refusal (405), so that the global CORS policy never approves a preflight to the webhook.
  "OPTIONS /integrations/github/webhook",
  "GET /integrations/github/setup",
  "GET /integrations/github/manifest",
  "GET /integrations/github/install",
  "GET /integrations/github/callback",
  "GET /integrations/github/installed",
];
type Req = { method: string; path: string; body?: unknown; headers?: Record<string, string> };

/** Every authenticated REST route: the request it is tried with, and the rule that protects it. */
const REST: Record<string, Rule & { request: (w: MatrixWorld) => Req; foreign?: (w: MatrixWorld) => Req }> = {
  "POST /v1/contexts/create": {
    capability: "contexts:write",
    request: () => ({ method: "POST", path: "/v1/contexts/create", body: { name: `${ATTEMPT} ${crypto.randomUUID()}` } }),
  },
  "GET /v1/contexts/list": {
    capability: "contexts:read",
    request: () => ({ method: "GET", path: "/v1/contexts/list" }),
    foreign: (w) => ({ method: "GET", path: `/v1/contexts/list?ownerId=${w.owner.id}` }),
  },
  "GET /v1/contexts/search": { capability: "contexts:read", request: () => ({ method: "GET", path: "/v1/contexts/search?q=matrix" }) },
  "GET /v1/contexts/:id": {
    capability: "contexts:read",
    request: (w) => ({ method: "GET", path: `/v1/contexts/${w.owner.contextId}` }),
    foreign: (w) => ({ method: "GET", path: `/v1/contexts/${w.owner.contextId}` }),
  },
  "PATCH /v1/contexts/:id": {
    capability: "contexts:write",
    request: (w) => ({ method: "PATCH", path: `/v1/contexts/${w.owner.contextId}`, body: { version: 1, description: "hijacked" } }),
    foreign: (w) => ({ method: "PATCH", path: `/v1/contexts/${w.owner.contextId}`, body: { version: 1, description: "hijacked" } }),
  },
  "DELETE /v1/contexts/:id": {
    capability: "contexts:write",
    request: (w) => ({ method: "DELETE", path: `/v1/contexts/${w.owner.contextId}` }),
    foreign: (w) => ({ method: "DELETE", path: `/v1/contexts/${w.owner.contextId}` }),
  },
  "POST /v1/connections": {
    capability: "connections:write",
    request: (w) => ({ method: "POST", path: "/v1/connections", body: { contextId: w.owner.contextId, service: "chittyverify" } }),
    foreign: (w) => ({ method: "POST", path: "/v1/connections", body: { contextId: w.owner.contextId, service: "chittyverify" } }),
  },
  "GET /v1/connections/list": {
    capability: "connections:read",
    request: () => ({ method: "GET", path: "/v1/connections/list" }),
    foreign: (w) => ({ method: "GET", path: `/v1/connections/list?contextId=${w.owner.contextId}` }),
  },
  "GET /v1/connections/:id": {
    capability: "connections:read",
    request: (w) => ({ method: "GET", path: `/v1/connections/${w.owner.connectionId}` }),
    foreign: (w) => ({ method: "GET", path: `/v1/connections/${w.owner.connectionId}` }),
  },
  "DELETE /v1/connections/:id": {
    capability: "connections:write",
    request: (w) => ({ method: "DELETE", path: `/v1/connections/${w.owner.connectionId}` }),
    foreign: (w) => ({ method: "DELETE", path: `/v1/connections/${w.owner.connectionId}` }),
  },
  "GET /v1/connections/:id/status": {
    capability: "connections:read",
    request: (w) => ({ method: "GET", path: `/v1/connections/${w.owner.connectionId}/status` }),
    foreign: (w) => ({ method: "GET", path: `/v1/connections/${w.owner.connectionId}/status` }),
  },
  "POST /v1/actors/register": {
    capability: "actors:register",
    request: () => ({ method: "POST", path: "/v1/actors/register", body: { type: "service", displayName: `${ATTEMPT} actor`, capabilities: [] } }),
  },
  "GET /v1/actors/me": { open: "every actor may read itself", request: () => ({ method: "GET", path: "/v1/actors/me" }) },
  "GET /v1/actors/:chittyId": {
    open: "an actor may read itself; others need to have registered it",
    request: (w) => ({ method: "GET", path: `/v1/actors/${w.owner.id}` }),
    foreign: (w) => ({ method: "GET", path: `/v1/actors/${w.owner.id}` }),
  },
  "PATCH /v1/actors/:chittyId": {
    capability: "actors:manage",
    request: (w) => ({ method: "PATCH", path: `/v1/actors/${w.owner.id}`, body: { status: "revoked" } }),
    foreign: (w) => ({ method: "PATCH", path: `/v1/actors/${w.owner.id}`, body: { displayName: "hijacked" } }),
  },
  "GET /v1/actors/:chittyId/capabilities": {
    open: "an actor may read its own capabilities",
    request: (w) => ({ method: "GET", path: `/v1/actors/${w.owner.id}/capabilities` }),
    foreign: (w) => ({ method: "GET", path: `/v1/actors/${w.owner.id}/capabilities` }),
  },
  "POST /v1/delegate": {
    capability: "delegate",
    request: () => ({ method: "POST", path: "/v1/delegate", body: { targetService: "chittyid", scopes: ["contexts:read"] } }),
  },
  "POST /v1/delegate/validate": {
    open: "any authenticated service checks tokens presented to it",
    request: () => ({ method: "POST", path: "/v1/delegate/validate", body: { token: "a.b.c", targetService: "chittyid" } }),
  },
  "DELETE /v1/delegate/:tokenId": {
    capability: "delegate",
    request: (w) => ({ method: "DELETE", path: `/v1/delegate/${w.owner.delegationId}` }),
    foreign: (w) => ({ method: "DELETE", path: `/v1/delegate/${w.owner.delegationId}` }),
  },
  "POST /v1/deliveries/:id/replay": {
    capability: "github:admin",
    request: () => ({ method: "POST", path: `/v1/deliveries/${crypto.randomUUID()}/replay`, body: {} }),
  },
  "GET /v1/deliveries/metrics": { capability: "github:admin", request: () => ({ method: "GET", path: "/v1/deliveries/metrics" }) },
  "GET /graphql": {
    open: "GraphQL fields carry their own rules (below)",
    request: () => ({ method: "GET", path: "/graphql?query=%7Bme%7Bid%7D%7D", headers: { "x-graphql-yoga-csrf": "1" } }),
  },
  "POST /graphql": { open: "GraphQL fields carry their own rules (below)", request: () => ({ method: "POST", path: "/graphql", body: { query: "{ me { id } }" } }) },
  "GET /openapi.json": { open: "API documentation", request: () => ({ method: "GET", path: "/openapi.json" }) },
};

type Op = {
  query: string;
  variables: (w: MatrixWorld) => Record<string, unknown>;
  foreign?: (w: MatrixWorld) => Record<string, unknown>;
  headers?: Record<string, string>;
};
const ctxVars = (w: MatrixWorld) => ({ id: w.owner.contextId });
const connVars = (w: MatrixWorld) => ({ id: w.owner.connectionId });

/** Every root GraphQL field, tried the same way. */
const GRAPHQL: Record<string, Rule & Op> = {
  "Query.context": { capability: "contexts:read", query: `query($id: ID!) { context(id: $id) { id } }`, variables: ctxVars, foreign: ctxVars },
  "Query.contexts": {
    capability: "contexts:read",
    query: `query($owner: String) { contexts(first: 1, filter: { ownerId: $owner }) { edges { cursor } } }`,
    variables: () => ({}),
    foreign: (w) => ({ owner: w.owner.id }),
  },
  "Query.searchContexts": { capability: "contexts:read", query: `{ searchContexts(query: "matrix") { id } }`, variables: () => ({}) },
  "Query.connection": {
    capability: "connections:read",
    query: `query($id: ID!) { connection(id: $id) { id } }`,
    variables: connVars,
    foreign: connVars,
  },
  "Query.connections": {
    capability: "connections:read",
    query: `query($ctx: String) { connections(first: 1, filter: { contextId: $ctx }) { edges { cursor } } }`,
    variables: () => ({}),
    foreign: (w) => ({ ctx: w.owner.contextId }),
  },
  "Query.connectionHealth": {
    capability: "connections:read",
    query: `query($id: ID!) { connectionHealth(id: $id) { healthy } }`,
    variables: connVars,
    foreign: connVars,
  },
  "Mutation.createConnection": {
    capability: "connections:write",
    query: `mutation($ctx: String!) { createConnection(input: { contextId: $ctx, service: chittyverify }) { id } }`,
    variables: (w) => ({ ctx: w.owner.contextId }),
    foreign: (w) => ({ ctx: w.owner.contextId }),
  },
  "Mutation.disconnectConnection": {
    capability: "connections:write",
    query: `mutation($id: ID!) { disconnectConnection(id: $id) { id } }`,
    variables: connVars,
    foreign: connVars,
  },
  "Query.timeline": {
    capability: "contexts:read",
    query: `query($id: String) { timeline(subjectId: $id, first: 1) { edges { cursor } } }`,
    variables: (w) => ({ id: w.owner.contextId }),
    foreign: (w) => ({ id: w.owner.contextId }),
  },
  "Query.node": { capability: "contexts:read", query: `query($id: ID!) { node(id: $id) { id } }`, variables: ctxVars, foreign: ctxVars },
  "Query.nodes": {
    capability: "contexts:read",
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    variables: (w) => ({ ids: [w.owner.contextId] }),
    foreign: (w) => ({ ids: [w.owner.contextId] }),
  },
  "Query.entityGraph": {
    capability: "contexts:read",
    query: `query($id: ID!) { entityGraph(id: $id, depth: 2) { nodes { id } edges { from to } } }`,
    variables: ctxVars,
    foreign: ctxVars,
  },
  "Query.services": { capability: "actors:admin", query: `{ services { name mode circuit } }`, variables: () => ({}) },
  "Query.me": { open: "every actor may read itself", query: `{ me { id } }`, variables: () => ({}) },
  "Query.actor": {
    open: "an actor may read itself",
    query: `query($id: ID!) { actor(id: $id) { id } }`,
    variables: (w) => ({ id: w.owner.id }),
    foreign: (w) => ({ id: w.owner.id }),
  },
  "Query.actors": { capability: "actors:admin", query: `{ actors(first: 1) { edges { cursor } } }`, variables: () => ({}) },
  "Query.delegations": {
    capability: "delegate",
    query: `query($id: String) { delegations(first: 1, delegatorId: $id) { edges { cursor } } }`,
    variables: () => ({}),
    foreign: (w) => ({ id: w.owner.id }),
  },
  "Query.installation": { capability: "github:admin", query: `{ installation(id: "12345") { chittyId } }`, variables: () => ({}) },
  "Query.installations": { capability: "github:admin", query: `{ installations(first: 1) { edges { cursor } } }`, variables: () => ({}) },
  "Query.deliveries": { capability: "github:admin", query: `{ deliveries(first: 1) { edges { cursor } } }`, variables: () => ({}) },
  "Subscription.timeline": {
    capability: "contexts:read",
    query: `subscription($id: String) { timeline(subjectId: $id) { cursor } }`,
    headers: { accept: "text/event-stream" },
    variables: (w) => ({ id: w.owner.contextId }),
    foreign: (w) => ({ id: w.owner.contextId }),
  },
  "Subscription.deliveries": {
    capability: "github:admin",
    query: `subscription { deliveries { cursor } }`,
    headers: { accept: "text/event-stream" },
    variables: () => ({}),
  },
  "Subscription.connectionStatus": {
    capability: "connections:read",
    query: `subscription($id: ID!) { connectionStatus(id: $id) { cursor } }`,
    headers: { accept: "text/event-stream" },
    variables: connVars,
    foreign: connVars,
  },
  "Query.changes": {
    capability: "contexts:read",
    query: `query($id: String) { changes(subjectId: $id) { cursor } }`,
    variables: (w) => ({ id: w.owner.contextId }),
    foreign: (w) => ({ id: w.owner.contextId }),
  },
  "Query.authFailures": { capability: "actors:admin", query: `{ authFailures { count } }`, variables: () => ({}) },
  "Mutation.grantInstallationAccess": {
    capability: "github:admin",
    query: `mutation($actor: ID!) { grantInstallationAccess(id: "12345", actorId: $actor) { id } }`,
    variables: (w) => ({ actor: w.owner.id }),
  },
  "Mutation.revokeInstallationAccess": {
    capability: "github:admin",
    query: `mutation($actor: ID!) { revokeInstallationAccess(id: "12345", actorId: $actor) { id } }`,
    variables: (w) => ({ actor: w.owner.id }),
  },
  "Query.pullRequestAnalysis": {
    capability: "connections:read",
    query: `{ pullRequestAnalysis(repository: "matrix-org/none", number: 1) { headSha } }`,
    variables: () => ({}),
  },
  "Query.repository": { capability: "connections:read", query: `{ repository(fullName: "matrix-org/none") { fullName } }`, variables: () => ({}) },
  "Subscription.pullRequestAnalysis": {
    capability: "connections:read",
    query: `subscription { pullRequestAnalysis(repository: "matrix-org/none", number: 1) { cursor } }`,
    headers: { accept: "text/event-stream" },
    variables: () => ({}),
  },
  "Query.issueTriage": {
    capability: "contexts:read",
    query: `{ issueTriage(repository: "matrix-org/matrix-repo", number: 1) { status } }`,
    variables: () => ({}),
  },
  "Query.repositoryContext": {
    capability: "contexts:read",
    query: `{ repositoryContext(repository: "matrix-org/matrix-repo") { repository } }`,
    variables: () => ({}),
  },
  "Query.deliveryMetrics": { capability: "github:admin", query: `{ deliveryMetrics { counts { dead } } }`, variables: () => ({}) },
  "Mutation.replayDelivery": {
    capability: "github:admin",
    query: `mutation($id: ID!) { replayDelivery(id: $id) { id } }`,
    variables: () => ({ id: crypto.randomUUID() }),
  },
  "Mutation.createContext": {
    capability: "contexts:write",
    query: `mutation($name: String!) { createContext(input: { name: $name }) { id } }`,
    variables: () => ({ name: `${ATTEMPT} ${crypto.randomUUID()}` }),
  },
  "Mutation.updateContext": {
    capability: "contexts:write",
    query: `mutation($id: ID!) { updateContext(id: $id, input: { version: 1, description: "hijacked" }) { id } }`,
    variables: ctxVars,
    foreign: ctxVars,
  },
  "Mutation.deleteContext": { capability: "contexts:write", query: `mutation($id: ID!) { deleteContext(id: $id) { id } }`, variables: ctxVars, foreign: ctxVars },
  "Mutation.registerActor": {
    capability: "actors:register",
    query: `mutation($name: String!) { registerActor(input: { type: service, displayName: $name }) { apiKey } }`,
    variables: () => ({ name: `${ATTEMPT} actor` }),
  },
  "Mutation.updateActor": {
    capability: "actors:manage",
    query: `mutation($id: ID!) { updateActor(id: $id, input: { displayName: "hijacked" }) { id } }`,
    variables: (w) => ({ id: w.owner.id }),
    foreign: (w) => ({ id: w.owner.id }),
  },
  "Mutation.rotateApiKey": {
    capability: "keys:manage",
    query: `mutation($id: ID!) { rotateApiKey(actorId: $id) { keyId } }`,
    variables: (w) => ({ id: w.owner.id }),
    foreign: (w) => ({ id: w.owner.id }),
  },
  "Mutation.revokeApiKey": {
    capability: "keys:manage",
    query: `mutation($id: ID!) { revokeApiKey(keyId: $id) { id } }`,
    variables: (w) => ({ id: w.owner.keyId }),
    foreign: (w) => ({ id: w.owner.keyId }),
  },
  "Mutation.delegate": {
    capability: "delegate",
    query: `mutation { delegate(input: { targetService: "chittyid", scopes: ["contexts:read"] }) { token } }`,
    variables: () => ({}),
  },
  "Mutation.validateDelegation": {
    open: "any authenticated service checks tokens presented to it",
    query: `mutation { validateDelegation(token: "a.b.c", targetService: "chittyid") { valid } }`,
    variables: () => ({}),
  },
  "Mutation.revokeDelegation": {
    capability: "delegate",
    query: `mutation($id: ID!) { revokeDelegation(tokenId: $id) { id } }`,
    variables: (w) => ({ id: w.owner.delegationId }),
    foreign: (w) => ({ id: w.owner.delegationId }),
  },
};

function send(req: Req, key: string | null) {
  return call(req.path, { method: req.method, key, headers: req.headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
}

const graphqlRequest = (op: Op, variables: Record<string, unknown>): Req => ({
  method: "POST",
  path: "/graphql",
  headers: op.headers,
  body: { query: op.query, variables },
});

async function expectForbidden(response: Response, label: string) {
  if (response.status === 200 && response.headers.get("content-type")?.includes("text/event-stream")) {
    // A refused subscription is one result on the stream, never a stream of events.
    expect(await response.text(), label).toMatch(/"code":"FORBIDDEN"/);
  } else if (response.status === 200 && response.headers.get("content-type")?.includes("json")) {
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code, label).toBe("FORBIDDEN");
  } else {
    expect(response.status, label).toBe(403);
  }
}

let world: MatrixWorld;
beforeAll(async () => {
  serveChittyAuthJwks();
  world = await buildMatrixWorld();
});
// vitest.config.ts restores every spy after each test; the JWKS is answered again for each.
beforeEach(() => serveChittyAuthJwks());

// Each case walks every route and root field with several credentials: hundreds of requests, slow on a busy machine.
const MATRIX_TIMEOUT_MS = 180_000;

describe("authorization matrix", () => {
  it("covers every authenticated route of the router and every root field of the schema", () => {
    // Mount order says what is public: routes registered before the authentication middleware answer without it.
    const all = worker.router.routes;
    const authAt = all.findIndex((r) => r.handler === authenticateRequest);
    expect(authAt).toBeGreaterThan(0);
    const named = (routes: typeof all) => new Set(routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    expect(named(all.slice(0, authAt))).toEqual(new Set([...PUBLIC, "GET /graphql"]));
    expect(named(all.slice(authAt))).toEqual(new Set(Object.keys(REST)));
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      type && isObjectType(getNamedType(type)) ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
    );
    expect(new Set(fields)).toEqual(new Set(Object.keys(GRAPHQL)));
  });

  it("answers 401 to every bad credential on every route and field, and writes nothing", async () => {
    const before = await fingerprint(world);
    const requests = [
      ...Object.entries(REST).map(([name, rule]) => [name, rule.request(world)] as const),
      ...Object.entries(GRAPHQL).map(([name, op]) => [name, graphqlRequest(op, op.variables(world))] as const),
    ];
    for (const [credentialName, credential] of Object.entries(world.badCredentials)) {
      for (const [name, req] of requests) {
        const response = await send(req, credential);
        expect(response.status, `${name} with ${credentialName}`).toBe(401);
        await response.arrayBuffer();
      }
    }
    expect(await fingerprint(world)).toEqual(before);
  }, MATRIX_TIMEOUT_MS);

  it("answers 403 when a capability is missing, and writes nothing", async () => {
    const before = await fingerprint(world);
    for (const [name, rule] of Object.entries(REST)) {
      if (rule.capability) await expectForbidden(await send(rule.request(world), world.powerless.apiKey), `${name} without ${rule.capability}`);
      else expect(rule.open, name).toMatch(/\w/);
    }
    for (const [name, op] of Object.entries(GRAPHQL)) {
      if (op.capability) {
        await expectForbidden(await send(graphqlRequest(op, op.variables(world)), world.powerless.apiKey), `${name} without ${op.capability}`);
      } else expect(op.open, name).toMatch(/\w/);
    }
    expect(await fingerprint(world)).toEqual(before);
  }, MATRIX_TIMEOUT_MS);

  it("answers 403 to a delegation and to a JWT whose scope lacks the capability, on the owner's own resources, and writes nothing", async () => {
    const before = await fingerprint(world);
    const attempts = [
      ...Object.entries(REST).flatMap(([name, rule]) => (rule.capability ? [[name, rule.capability, rule.request(world)] as const] : [])),
      ...Object.entries(GRAPHQL).flatMap(([name, op]) => (op.capability ? [[name, op.capability, graphqlRequest(op, op.variables(world))] as const] : [])),
    ];
    expect(attempts.length).toBeGreaterThan(40);
    for (const [name, capability, req] of attempts) {
      const scoped = world.scopedWithout[capability];
      expect(scoped, `no scoped credentials built without ${capability}`).toBeDefined();
      await expectForbidden(await send(req, scoped!.delegation), `${name} with a delegation lacking ${capability}`);
      await expectForbidden(await send(req, scoped!.jwt), `${name} with a JWT scope lacking ${capability}`);
    }
    expect(await fingerprint(world)).toEqual(before);
  }, MATRIX_TIMEOUT_MS);

  it("answers 403 for another actor's resource, and writes nothing", async () => {
    const before = await fingerprint(world);
    for (const [name, rule] of Object.entries(REST)) {
      if (rule.foreign) await expectForbidden(await send(rule.foreign(world), world.intruder.apiKey), `${name} on another actor's resource`);
    }
    for (const [name, op] of Object.entries(GRAPHQL)) {
      if (op.foreign) await expectForbidden(await send(graphqlRequest(op, op.foreign(world)), world.intruder.apiKey), `${name} on another actor's resource`);
    }
    expect(await fingerprint(world)).toEqual(before);
  }, MATRIX_TIMEOUT_MS);
});
