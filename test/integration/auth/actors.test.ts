import { describe, expect, it } from "vitest";
import { call, errorOf, gql } from "../../helpers";
import { registerActor } from "../../fixtures/credentials";

const me = (key: string) => call("/v1/actors/me", { key });

describe("actors", () => {
  it("registers an actor whose key works at once and is never shown again", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write"], { type: "ai", displayName: "Summariser" });
    expect(actor.apiKey).toMatch(/^cck_[\w-]{32}$/);
    const self = await me(actor.apiKey);
    expect(self.status).toBe(200);
    const body = (await self.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: actor.id, type: "ai", displayName: "Summariser", capabilities: ["contexts:read", "contexts:write"] });
    expect(JSON.stringify(body)).not.toContain(actor.apiKey);

    const caps = await call(`/v1/actors/${actor.id}/capabilities`, { key: actor.apiKey });
    expect(await caps.json()).toEqual({
      actorId: actor.id,
      capabilities: ["contexts:read", "contexts:write"],
      // An API key is the actor's full credential: it also manages the actor's keys and the actor itself.
      effective: ["contexts:read", "contexts:write", "keys:manage", "actors:manage"],
      credential: "api-key",
    });
    const keys = await gql(`query($id: ID!) { actor(id: $id) { apiKeys { id prefix revokedAt } } }`, { id: actor.id });
    expect(keys.data!.actor.apiKeys).toEqual([{ id: actor.keyId, prefix: actor.apiKey.slice(0, 12), revokedAt: null }]);
  });

  it("refuses to register capabilities the registrant lacks", async () => {
    const registrar = await registerActor(["actors:register", "contexts:read"]);
    const ok = await registerActor(["contexts:read"], { by: registrar.apiKey });
    expect((await me(ok.apiKey)).status).toBe(200);
    const response = await call("/v1/actors/register", {
      method: "POST",
      key: registrar.apiKey,
      body: JSON.stringify({ type: "service", displayName: "escalator", capabilities: ["contexts:write"] }),
    });
    expect(await errorOf(response)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    const noRight = await registerActor(["contexts:read"]);
    const refused = await call("/v1/actors/register", {
      method: "POST",
      key: noRight.apiKey,
      body: JSON.stringify({ type: "service", displayName: "x", capabilities: [] }),
    });
    expect(refused.status).toBe(403);
  });

  it("lets an actor rename itself but not raise its own capabilities", async () => {
    const actor = await registerActor(["contexts:read"]);
    const patch = (body: unknown) => call(`/v1/actors/${actor.id}`, { method: "PATCH", key: actor.apiKey, body: JSON.stringify(body) });
    expect((await patch({ displayName: "renamed" })).status).toBe(200);
    expect(await errorOf(await patch({ capabilities: ["contexts:read", "contexts:write"] }))).toMatchObject({ status: 403 });
    expect(((await (await me(actor.apiKey)).json()) as any).capabilities).toEqual(["contexts:read"]);
  });

  it("stops a suspended actor's keys on the next request", async () => {
    const actor = await registerActor(["contexts:read"]);
    expect((await me(actor.apiKey)).status).toBe(200);
    const suspend = await call(`/v1/actors/${actor.id}`, { method: "PATCH", body: JSON.stringify({ status: "suspended" }) });
    expect(suspend.status).toBe(200);
    expect((await me(actor.apiKey)).status).toBe(401);
  });

  it("rotates keys: the new key works and the old one stops", async () => {
    const actor = await registerActor(["contexts:read"]);
    const rotated = await gql(`mutation($id: ID!) { rotateApiKey(actorId: $id) { apiKey keyId } }`, { id: actor.id }, { key: actor.apiKey });
    expect(rotated.errors).toBeUndefined();
    const fresh = rotated.data!.rotateApiKey.apiKey as string;
    expect((await me(fresh)).status).toBe(200);
    expect((await me(actor.apiKey)).status).toBe(401);

    const revoked = await gql(`mutation($id: ID!) { revokeApiKey(keyId: $id) { revokedAt } }`, { id: rotated.data!.rotateApiKey.keyId });
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    expect((await me(fresh)).status).toBe(401);
  });

  it("tracks last-seen and sessions", async () => {
    const actor = await registerActor(["contexts:read"]);
    await me(actor.apiKey);
    const seen = (await (await call(`/v1/actors/${actor.id}`)).json()) as any;
    expect(seen.lastSeenAt).not.toBeNull();
    expect(seen.sessionCount).toBe(1);
  });

  it("answers 422 for bad registrations and 404 for unknown actors", async () => {
    const bad = [
      { type: "system", displayName: "x", capabilities: [] },
      { type: "human", displayName: "", capabilities: [] },
      { type: "human", displayName: "x", capabilities: ["root"] },
      { type: "human", displayName: "x", capabilities: ["contexts:read", "contexts:read"] },
    ];
    for (const body of bad) {
      const response = await call("/v1/actors/register", { method: "POST", body: JSON.stringify(body) });
      expect(await errorOf(response), JSON.stringify(body)).toMatchObject({ status: 422 });
    }
    expect((await call("/v1/actors/CHITTY-ACTOR-00000000-0000-4000-8000-0000000000ff")).status).toBe(404);
    expect((await call("/v1/actors/not%20an%20id")).status).toBe(422);
  });

  it("lists actors for administrators only", async () => {
    const plain = await registerActor(["contexts:read"]);
    const admin = await gql(`query { actors(first: 100) { edges { node { id } } } }`);
    expect(admin.errors).toBeUndefined();
    const denied = await gql(`query { actors(first: 5) { edges { node { id } } } }`, {}, { key: plain.apiKey });
    expect(denied.errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });

  it("audits denials of authenticated actors in Chronicle", async () => {
    const actor = await registerActor([]);
    await call("/v1/contexts/list", { key: actor.apiKey });
    const events = await gql(`query($id: String!) { timeline(subjectId: $id, type: "auth.denied", first: 5) { edges { node { actorId data } } } }`, {
      id: actor.id,
    });
    expect(events.data!.timeline.edges[0].node).toMatchObject({ actorId: actor.id, data: { path: "/v1/contexts/list" } });
  });
});

describe("Actor fields", () => {
  it("lists an actor's own contexts, connections and delegations, and refuses another's", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write", "connections:read", "delegate"]);
    const other = await registerActor(["contexts:read", "connections:read"]);
    const created = await call("/v1/contexts/create", { method: "POST", key: actor.apiKey, body: JSON.stringify({ name: "mine" }) });
    const contextId = ((await created.json()) as any).id;
    await call("/v1/delegate", { method: "POST", key: actor.apiKey, body: JSON.stringify({ targetService: "chittyid", scopes: ["contexts:read"] }) });
    const query = `query($id: ID!) { actor(id: $id) { contexts(first: 5) { edges { node { id } } } connections { id } delegations(first: 5) { edges { node { targetService } } } } }`;
    const own = await gql(query, { id: actor.id }, { key: actor.apiKey });
    expect(own.errors).toBeUndefined();
    expect(own.data!.actor).toEqual({
      contexts: { edges: [{ node: { id: contextId } }] },
      connections: [],
      delegations: { edges: [{ node: { targetService: "chittyid" } }] },
    });
    const foreign = await gql(query, { id: actor.id }, { key: other.apiKey });
    expect(foreign.errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });
});

describe("Context.owner", () => {
  it("resolves the owners of a whole page, and only to actors the caller may see", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write"]);
    for (const name of ["a", "b"]) {
      await call("/v1/contexts/create", { method: "POST", key: actor.apiKey, body: JSON.stringify({ name: `owned ${name}` }) });
    }
    const own = await gql(`{ contexts(first: 5) { edges { node { owner { id } } } } }`, {}, { key: actor.apiKey });
    expect(own.data!.contexts.edges).toEqual([{ node: { owner: { id: actor.id } } }, { node: { owner: { id: actor.id } } }]);
    const admin = await gql(`query($id: String) { contexts(first: 5, filter: { ownerId: $id }) { edges { node { owner { id displayName } } } } }`, { id: actor.id });
    expect(admin.data!.contexts.edges.map((e: any) => e.node.owner.id)).toEqual([actor.id, actor.id]);
  });
});
