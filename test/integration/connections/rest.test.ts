import { describe, expect, it } from "vitest";
import { call, createContextViaRest, errorOf, gql, uniqueName } from "../../helpers";
import { registerActor } from "../../fixtures/credentials";
import { connectViaRest, connectionsOf, storedConnection } from "../../fixtures/connections";

const listIds = async (query: string, key?: string) => {
  const response = await call(`/v1/connections/list?${query}`, { key });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
  return { ids: body.items.map((c) => c.id), nextCursor: body.nextCursor };
};

describe("REST /v1/connections", () => {
  it("creates, reads, lists, checks and disconnects a connection, with its ChittyID, DNA, Chronicle and KV entry", async () => {
    const context = await createContextViaRest({ name: uniqueName("connect") });
    const created = await connectViaRest({ contextId: context.id, service: "chittyverify", config: { region: "eu" } });
    expect(created).toMatchObject({
      contextId: context.id,
      service: "chittyverify",
      status: "active",
      config: { region: "eu" },
      ownerId: context.ownerId,
      lastCheckedAt: null,
      disconnectedAt: null,
    });
    expect(created.id).toMatch(/^CHITTY-CONN-[0-9a-f-]{36}$/);
    let stored = await storedConnection(created.id);
    expect(stored).toMatchObject({ dna: ["created"], events: ["connection.created"], minted: { entityType: "CONN", source: "local" } });
    expect(stored.cached).not.toBeNull();

    expect(await (await call(`/v1/connections/${created.id}`)).json()).toEqual(created);
    expect((await listIds(`contextId=${context.id}`)).ids).toEqual([created.id]);

    const status = await call(`/v1/connections/${created.id}/status`);
    expect(status.status).toBe(200);
    const health = (await status.json()) as Record<string, any>;
    expect(health).toMatchObject({ healthy: true, mode: "embedded", connection: { id: created.id, status: "active" } });
    expect(Date.parse(health.connection.lastCheckedAt)).toBe(Date.parse(health.checkedAt));
    // A check that changes nothing adds no history.
    expect(await storedConnection(created.id)).toMatchObject({ dna: ["created"], events: ["connection.created"] });

    const removed = await call(`/v1/connections/${created.id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ id: created.id, status: "disconnected", disconnectedAt: expect.any(String) });
    stored = await storedConnection(created.id);
    expect(stored).toMatchObject({ row: { status: "disconnected" }, dna: ["created", "disconnected"], cached: null });
    expect(stored.events).toEqual(["connection.created", "connection.disconnected"]);
    expect(stored.eventData[1]).toEqual({ contextId: context.id, service: "chittyverify", reason: "requested" });

    expect((await listIds(`contextId=${context.id}`)).ids).toEqual([]);
    expect((await listIds(`contextId=${context.id}&status=disconnected`)).ids).toEqual([created.id]);
    const after = (await (await call(`/v1/connections/${created.id}/status`)).json()) as Record<string, any>;
    expect(after).toMatchObject({ healthy: false, connection: { status: "disconnected" } });
  });

  it("refuses a second disconnect with 409 and writes nothing", async () => {
    const context = await createContextViaRest({ name: uniqueName("twice") });
    const created = await connectViaRest({ contextId: context.id, service: "chittyid" });
    expect((await call(`/v1/connections/${created.id}`, { method: "DELETE" })).status).toBe(200);
    const before = await storedConnection(created.id);
    const again = await errorOf(await call(`/v1/connections/${created.id}`, { method: "DELETE" }));
    expect(again).toMatchObject({ status: 409, code: "ALREADY_DISCONNECTED" });
    expect(await storedConnection(created.id)).toEqual(before);
  });

  it("keeps one live connection per context and service, and allows a new one after a disconnect", async () => {
    const context = await createContextViaRest({ name: uniqueName("duplicate connection") });
    const first = await connectViaRest({ contextId: context.id, service: "chittydna" });
    const duplicate = await call("/v1/connections", { method: "POST", body: JSON.stringify({ contextId: context.id, service: "chittydna" }) });
    expect(await errorOf(duplicate)).toMatchObject({ status: 409, code: "DUPLICATE_CONNECTION" });
    expect(await connectionsOf(context.id)).toHaveLength(1);

    await connectViaRest({ contextId: context.id, service: "chittyauth" });
    await call(`/v1/connections/${first.id}`, { method: "DELETE" });
    const again = await connectViaRest({ contextId: context.id, service: "chittydna" });
    expect(again.id).not.toBe(first.id);
    expect(await connectionsOf(context.id, "chittydna")).toHaveLength(2);
  });

  it("pages newest first with a cursor and filters by service", async () => {
    const context = await createContextViaRest({ name: uniqueName("paging") });
    const made = [];
    for (const service of ["chittyid", "chittyauth", "chittyregistry"]) made.push(await connectViaRest({ contextId: context.id, service }));
    const page1 = await listIds(`contextId=${context.id}&first=2`);
    expect(page1.ids).toEqual([made[2]!.id, made[1]!.id]);
    const page2 = await listIds(`contextId=${context.id}&first=2&after=${page1.nextCursor}`);
    expect(page2).toEqual({ ids: [made[0]!.id], nextCursor: null });
    expect((await listIds(`contextId=${context.id}&service=chittyauth`)).ids).toEqual([made[1]!.id]);
  });

  it("shows non-administrators only their own connections, and lets the context's owner connect it", async () => {
    const caps = ["contexts:read", "contexts:write", "connections:read", "connections:write"];
    const alice = await registerActor(caps);
    const bob = await registerActor(caps);
    const created = await call("/v1/contexts/create", { method: "POST", key: alice.apiKey, body: JSON.stringify({ name: uniqueName("alice") }) });
    const context = (await created.json()) as { id: string };
    const connection = await connectViaRest({ contextId: context.id, service: "chittycertify" }, alice.apiKey);
    expect(connection.ownerId).toBe(alice.id);

    expect((await listIds("first=100", alice.apiKey)).ids).toEqual([connection.id]);
    expect((await listIds("first=100", bob.apiKey)).ids).toEqual([]);
    expect((await listIds(`contextId=${context.id}`)).ids).toEqual([connection.id]);
    expect(await errorOf(await call(`/v1/connections/${connection.id}`, { key: bob.apiKey }))).toMatchObject({ status: 403 });
    const history = `query($id: String) { timeline(subjectId: $id) { edges { node { type } } } }`;
    const own = await gql(history, { id: connection.id }, { key: alice.apiKey });
    expect(own.data!.timeline.edges).toEqual([{ node: { type: "connection.created" } }]);
    expect((await gql(history, { id: connection.id }, { key: bob.apiKey })).errors![0]!.extensions!.code).toBe("FORBIDDEN");

    // An administrator's connection on Alice's context is Alice's.
    const byAdmin = await connectViaRest({ contextId: context.id, service: "chittychronicle" });
    expect(byAdmin.ownerId).toBe(alice.id);
  });

  it("is documented in /openapi.json", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/v1/connections"]!)).toEqual(["post"]);
    expect(Object.keys(doc.paths["/v1/connections/list"]!)).toEqual(["get"]);
    expect(Object.keys(doc.paths["/v1/connections/{id}"]!).sort()).toEqual(["delete", "get"]);
    expect(Object.keys(doc.paths["/v1/connections/{id}/status"]!)).toEqual(["get"]);
  });
});
