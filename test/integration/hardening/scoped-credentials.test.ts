import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR_ID } from "../../../src/auth/actor";
import { apiKeys } from "../../../src/db/schema";
import { ADMIN_KEY, call, errorOf, gql } from "../../helpers";
import { chittyAuthJwt, delegateAs, registerActor, serveChittyAuthJwks } from "../../fixtures/credentials";
import { db } from "../../fixtures/db";

const ROTATE = `mutation($id: ID!) { rotateApiKey(actorId: $id) { apiKey } }`;
const keysOf = (actorId: string) => db.select().from(apiKeys).where(eq(apiKeys.actorId, actorId));
const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

async function gatewayToken(key: string, scopes: string[], ttlSeconds?: number) {
  const issued = await delegateAs(key, { targetService: "chittyconnect", scopes, ...(ttlSeconds ? { ttlSeconds } : {}) });
  if (issued.status !== 201) throw new Error(`delegation failed: ${JSON.stringify(issued.body)}`);
  return issued.body as { token: string; tokenId: string; expiresAt: string };
}

beforeEach(() => serveChittyAuthJwks());

describe("finding 1: a scoped credential cannot act as its actor's full credential", () => {
  it("refuses rotateApiKey to a delegation narrowed to contexts:read, and mints nothing", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write", "delegate"]);
    const { token } = await gatewayToken(actor.apiKey, ["contexts:read"]);
    const before = await keysOf(actor.id);
    const result = await gql(ROTATE, { id: actor.id }, { key: token });
    expect(code(result)).toBe("FORBIDDEN");
    expect(result.errors![0]!.message).toMatch(/keys:manage/);
    expect(await keysOf(actor.id)).toEqual(before);
  });

  it("never gives the system actor a key, not even through an admin delegation that names keys:manage", async () => {
    const before = await keysOf(SYSTEM_ACTOR_ID);
    for (const scopes of [["contexts:read"], ["keys:manage", "contexts:read"]]) {
      const { token } = await gatewayToken(ADMIN_KEY, scopes);
      expect(code(await gql(ROTATE, { id: SYSTEM_ACTOR_ID }, { key: token })), scopes.join(",")).toBe("FORBIDDEN");
    }
    expect(code(await gql(ROTATE, { id: SYSTEM_ACTOR_ID }))).toBe("FORBIDDEN");
    expect(await keysOf(SYSTEM_ACTOR_ID)).toEqual(before);
    expect(before).toEqual([]);
  });

  it("refuses a narrow token revoking, listing or renaming for its delegator, and managing the actors it registered", async () => {
    const registrar = await registerActor(["contexts:read", "actors:register", "delegate"]);
    const child = await registerActor(["contexts:read"], { by: registrar.apiKey });
    const { token } = await gatewayToken(registrar.apiKey, ["contexts:read"]);
    expect(code(await gql(`mutation($id: ID!) { revokeApiKey(keyId: $id) { id } }`, { id: registrar.keyId }, { key: token }))).toBe("FORBIDDEN");
    expect(code(await gql(`query($id: ID!) { actor(id: $id) { apiKeys { id } } }`, { id: registrar.id }, { key: token }))).toBe("FORBIDDEN");
    const rename = await call(`/v1/actors/${registrar.id}`, { method: "PATCH", key: token, body: JSON.stringify({ displayName: "renamed" }) });
    expect(await errorOf(rename)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    const suspend = await call(`/v1/actors/${child.id}`, { method: "PATCH", key: token, body: JSON.stringify({ status: "suspended" }) });
    expect(await errorOf(suspend)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect((await call("/v1/actors/me", { key: registrar.apiKey })).status).toBe(200);
    expect((await call("/v1/actors/me", { key: child.apiKey })).status).toBe(200);
  });

  it("refuses the same to a ChittyAuth JWT with a narrow scope, and allows it to an unscoped one", async () => {
    const actor = await registerActor(["contexts:read"]);
    const narrow = await chittyAuthJwt(actor.id, { scope: "contexts:read" });
    expect(code(await gql(ROTATE, { id: actor.id }, { key: narrow }))).toBe("FORBIDDEN");
    const full = await chittyAuthJwt(actor.id);
    const rotated = await gql(ROTATE, { id: actor.id }, { key: full });
    expect(rotated.errors).toBeUndefined();
    expect((await call("/v1/actors/me", { key: rotated.data!.rotateApiKey.apiKey })).status).toBe(200);
  });

  it("lets a delegation rotate keys only when its scope names keys:manage", async () => {
    const actor = await registerActor(["contexts:read", "delegate"]);
    const { token } = await gatewayToken(actor.apiKey, ["keys:manage"]);
    const rotated = await gql(ROTATE, { id: actor.id }, { key: token });
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data!.rotateApiKey.apiKey).toMatch(/^cck_/);
  });
});

describe("finding 4: registrars do not override administrators", () => {
  it("refuses a registrar reactivating a child an administrator revoked", async () => {
    const registrar = await registerActor(["contexts:read", "actors:register"]);
    const child = await registerActor(["contexts:read"], { by: registrar.apiKey });
    expect((await call(`/v1/actors/${child.id}`, { method: "PATCH", body: JSON.stringify({ status: "revoked" }) })).status).toBe(200);
    const reactivate = await call(`/v1/actors/${child.id}`, { method: "PATCH", key: registrar.apiKey, body: JSON.stringify({ status: "active" }) });
    expect(await errorOf(reactivate)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect((await call("/v1/actors/me", { key: child.apiKey })).status).toBe(401);
    // An administrator still can.
    expect((await call(`/v1/actors/${child.id}`, { method: "PATCH", body: JSON.stringify({ status: "active" }) })).status).toBe(200);
  });

  it("refuses a registrar that lost contexts:write rotating or reactivating a child that has it", async () => {
    const registrar = await registerActor(["contexts:read", "contexts:write", "actors:register"]);
    const child = await registerActor(["contexts:write"], { by: registrar.apiKey });
    expect((await call(`/v1/actors/${child.id}`, { method: "PATCH", key: registrar.apiKey, body: JSON.stringify({ status: "suspended" }) })).status).toBe(200);
    expect((await call(`/v1/actors/${registrar.id}`, { method: "PATCH", body: JSON.stringify({ capabilities: ["contexts:read", "actors:register"] }) })).status).toBe(200);
    const keysBefore = await keysOf(child.id);
    expect(code(await gql(ROTATE, { id: child.id }, { key: registrar.apiKey }))).toBe("FORBIDDEN");
    expect(await keysOf(child.id)).toEqual(keysBefore);
    const reactivate = await call(`/v1/actors/${child.id}`, { method: "PATCH", key: registrar.apiKey, body: JSON.stringify({ status: "active" }) });
    expect(await errorOf(reactivate)).toMatchObject({ status: 403, code: "FORBIDDEN" });
    // Taking power away stays allowed.
    expect((await call(`/v1/actors/${child.id}`, { method: "PATCH", key: registrar.apiKey, body: JSON.stringify({ status: "revoked" }) })).status).toBe(200);
  });
});

describe("finding 5: JWT scope narrowing fails closed", () => {
  const effectiveWith = async (actorId: string, claims: Record<string, unknown>) => {
    const response = await call(`/v1/actors/${actorId}/capabilities`, { key: await chittyAuthJwt(actorId, { claims }) });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("reads `scope` as an array and `scp` as a string or an array", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write", "connections:read"]);
    for (const claims of [{ scope: ["contexts:read"] }, { scp: "contexts:read" }, { scp: ["contexts:read", "openid"] }]) {
      const { status, body } = await effectiveWith(actor.id, claims);
      expect(status, JSON.stringify(claims)).toBe(200);
      expect(body.effective, JSON.stringify(claims)).toEqual(["contexts:read"]);
    }
  });

  it("refuses a token whose scope claim cannot be read, and one whose subject is the system actor", async () => {
    const actor = await registerActor(["contexts:read"]);
    for (const claims of [{ scope: 42 }, { scope: { contexts: "read" } }, { scp: [1, 2] }]) {
      expect((await effectiveWith(actor.id, claims)).status, JSON.stringify(claims)).toBe(401);
    }
    expect((await call("/v1/actors/me", { key: await chittyAuthJwt(SYSTEM_ACTOR_ID) })).status).toBe(401);
  });
});
