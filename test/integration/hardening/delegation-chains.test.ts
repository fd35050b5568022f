import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { delegations } from "../../../src/db/schema";
import { call, errorOf, gql } from "../../helpers";
import { delegateAs, registerActor } from "../../fixtures/credentials";
import { db } from "../../fixtures/db";

const validate = (token: string, targetService: string) =>
  call("/v1/delegate/validate", { method: "POST", body: JSON.stringify({ token, targetService }) });

async function issue(key: string, body: { targetService: string; scopes: string[]; ttlSeconds?: number }) {
  const issued = await delegateAs(key, body);
  if (issued.status !== 201) throw new Error(`delegation failed: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body as { token: string; tokenId: string; expiresAt: string };
}

describe("finding 2: derived delegations end with the credential they were made with", () => {
  it("caps a 24 h token made with a 60 s token at the parent's expiry, and records the parent", async () => {
    const actor = await registerActor(["contexts:read", "delegate"]);
    const parent = await issue(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"], ttlSeconds: 60 });
    const child = await issue(parent.token, { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 86_400 });
    expect(Date.parse(child.expiresAt)).toBeLessThanOrEqual(Date.parse(parent.expiresAt));
    const [row] = await db.select().from(delegations).where(eq(delegations.id, child.tokenId));
    expect(row!.parentId).toBe(parent.tokenId);
  });

  it("revokes the whole chain with its parent: the children stop authenticating and stop validating", async () => {
    const actor = await registerActor(["contexts:read", "delegate"]);
    const parent = await issue(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"] });
    const child = await issue(parent.token, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"] });
    const grandchild = await issue(child.token, { targetService: "chittyid", scopes: ["contexts:read"] });
    expect((await call("/v1/actors/me", { key: child.token })).status).toBe(200);
    expect((await validate(grandchild.token, "chittyid")).status).toBe(200);

    expect((await call(`/v1/delegate/${parent.tokenId}`, { method: "DELETE", key: actor.apiKey })).status).toBe(200);
    expect((await call("/v1/actors/me", { key: child.token })).status).toBe(401);
    expect(await errorOf(await validate(grandchild.token, "chittyid"))).toMatchObject({ status: 401, code: "DELEGATION_INVALID" });
    const rows = await db.select().from(delegations).where(eq(delegations.delegatorId, actor.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it("refuses chains deeper than three derived levels", async () => {
    const actor = await registerActor(["contexts:read", "delegate"]);
    let token = (await issue(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"] })).token;
    for (let depth = 1; depth <= 3; depth++) token = (await issue(token, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"] })).token;
    const tooDeep = await delegateAs(token, { targetService: "chittyconnect", scopes: ["contexts:read"] });
    expect(tooDeep.status).toBe(403);
  });

  it("needs `delegate` to list or revoke delegations, and confines a delegation token to what it issued itself", async () => {
    const actor = await registerActor(["contexts:read", "delegate"]);
    const sibling = await issue(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read"] });
    const narrow = await issue(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read"] });
    const LIST = `{ delegations(first: 20) { edges { node { id } } } }`;
    expect((await gql(LIST, {}, { key: narrow.token })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await call(`/v1/delegate/${sibling.tokenId}`, { method: "DELETE", key: narrow.token })).status).toBe(403);

    const manager = await issue(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read", "delegate"] });
    const own = await issue(manager.token, { targetService: "chittyid", scopes: ["contexts:read"] });
    const listed = await gql(LIST, {}, { key: manager.token });
    expect(listed.data!.delegations.edges.map((e: any) => e.node.id).sort()).toEqual([manager.tokenId, own.tokenId].sort());
    expect(await errorOf(await call(`/v1/delegate/${sibling.tokenId}`, { method: "DELETE", key: manager.token }))).toMatchObject({ status: 404 });
    expect((await call(`/v1/delegate/${own.tokenId}`, { method: "DELETE", key: manager.token })).status).toBe(200);
    expect((await validate(sibling.token, "chittyid")).status).toBe(200);
  });
});
