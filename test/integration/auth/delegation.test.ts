import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signDelegation } from "../../../src/auth/delegation-token";
import { runScheduledTasks } from "../../../src/scheduled";
import { call, errorOf, gql } from "../../helpers";
import { delegateAs, registerActor } from "../../fixtures/credentials";

const validate = (token: string, targetService: string, key?: string) =>
  call("/v1/delegate/validate", { method: "POST", key, body: JSON.stringify({ token, targetService }) });

describe("service delegation", () => {
  it("issues a token with sub, aud, scope, exp, iat and a jti that is its tokenId", async () => {
    const actor = await registerActor(["delegate", "contexts:read"]);
    const issued = await delegateAs(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 120 });
    expect(issued.status).toBe(201);
    const ok = await validate(issued.body.token, "chittyid", actor.apiKey);
    expect(ok.status).toBe(200);
    const { valid, claims } = (await ok.json()) as any;
    expect(valid).toBe(true);
    expect(claims).toMatchObject({ sub: actor.id, aud: "chittyid", scope: "contexts:read", jti: issued.body.tokenId, iss: "chittyconnect" });
    expect(claims.exp - claims.iat).toBe(120);
  });

  it("refuses scopes beyond the delegator's capabilities, and callers without `delegate`", async () => {
    const actor = await registerActor(["delegate", "contexts:read"]);
    const wider = await delegateAs(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read", "contexts:write"] });
    expect(wider.status).toBe(403);
    const noDelegate = await registerActor(["contexts:read"]);
    expect((await delegateAs(noDelegate.apiKey, { targetService: "chittyid", scopes: ["contexts:read"] })).status).toBe(403);
    for (const body of [
      { targetService: "chittyid", scopes: [] },
      { targetService: "Bad Service", scopes: ["contexts:read"] },
      { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 86_401 },
      { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 10 },
    ]) {
      expect((await delegateAs(actor.apiKey, body)).status, JSON.stringify(body)).toBe(422);
    }
  });

  it("answers 403 for the wrong audience and 401 for forged, expired or revoked tokens", async () => {
    const actor = await registerActor(["delegate", "contexts:read"]);
    const { body } = await delegateAs(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read"] });
    expect(await errorOf(await validate(body.token, "chittyverify"))).toMatchObject({ status: 403, code: "DELEGATION_WRONG_AUDIENCE" });

    const [header, payload] = body.token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    expect(await errorOf(await validate(forged, "chittyid"))).toMatchObject({ status: 401, code: "DELEGATION_INVALID" });

    const iat = Math.floor(Date.now() / 1000) - 3600;
    const expired = await signDelegation(env as Env, { sub: actor.id, aud: "chittyid", scope: "contexts:read", jti: body.tokenId, iat, exp: iat + 60 });
    expect(await errorOf(await validate(expired, "chittyid"))).toMatchObject({ status: 401, code: "DELEGATION_INVALID" });

    const revoked = await call(`/v1/delegate/${body.tokenId}`, { method: "DELETE", key: actor.apiKey });
    expect(revoked.status).toBe(200);
    expect(await errorOf(await validate(body.token, "chittyid"))).toMatchObject({ status: 401, code: "DELEGATION_INVALID" });
  });

  it("lets only the delegator or an administrator revoke", async () => {
    const owner = await registerActor(["delegate", "contexts:read"]);
    const other = await registerActor(["delegate", "contexts:read"]);
    const { body } = await delegateAs(owner.apiKey, { targetService: "chittyid", scopes: ["contexts:read"] });
    expect((await call(`/v1/delegate/${body.tokenId}`, { method: "DELETE", key: other.apiKey })).status).toBe(403);
    expect((await validate(body.token, "chittyid")).status).toBe(200);
    expect((await call(`/v1/delegate/${body.tokenId}`, { method: "DELETE" })).status).toBe(200);
    expect((await call("/v1/delegate/CHITTY-DELEGATION-00000000-0000-4000-8000-000000000000", { method: "DELETE" })).status).toBe(404);
  });

  it("accepts a token issued to chittyconnect as a credential with only its scopes, until it is revoked", async () => {
    const actor = await registerActor(["delegate", "contexts:read", "contexts:write"]);
    const { body } = await delegateAs(actor.apiKey, { targetService: "chittyconnect", scopes: ["contexts:read"] });
    expect((await call("/v1/contexts/list", { key: body.token })).status).toBe(200);
    const write = await call("/v1/contexts/create", { method: "POST", key: body.token, body: JSON.stringify({ name: "via delegation" }) });
    expect(write.status).toBe(403);
    const caps = (await (await call(`/v1/actors/${actor.id}/capabilities`, { key: body.token })).json()) as any;
    expect(caps).toMatchObject({ effective: ["contexts:read"], credential: "delegation" });

    // Revoked between two requests: the second one is refused.
    await call(`/v1/delegate/${body.tokenId}`, { method: "DELETE", key: actor.apiKey });
    expect((await call("/v1/contexts/list", { key: body.token })).status).toBe(401);

    const elsewhere = await delegateAs(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read"] });
    expect((await call("/v1/contexts/list", { key: elsewhere.body.token })).status).toBe(401);
  });

  it("offers the same operations through GraphQL", async () => {
    const actor = await registerActor(["delegate", "contexts:read"]);
    const issued = await gql(
      `mutation { delegate(input: { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 300 }) { token delegation { id scopes targetService } } }`,
      {},
      { key: actor.apiKey },
    );
    expect(issued.errors).toBeUndefined();
    const { token, delegation } = issued.data!.delegate;
    const checked = await gql(`mutation($t: String!) { validateDelegation(token: $t, targetService: "chittyid") { valid claims } }`, { t: token });
    expect(checked.data!.validateDelegation).toMatchObject({ valid: true, claims: { jti: delegation.id } });
    const listed = await gql(`query { delegations(first: 10) { edges { node { id } } } }`, {}, { key: actor.apiKey });
    expect(listed.data!.delegations.edges.map((e: any) => e.node.id)).toEqual([delegation.id]);
    const revoked = await gql(`mutation($id: ID!) { revokeDelegation(tokenId: $id) { revokedAt } }`, { id: delegation.id }, { key: actor.apiKey });
    expect(revoked.data!.revokeDelegation.revokedAt).not.toBeNull();
    const after = await gql(`mutation($t: String!) { validateDelegation(token: $t, targetService: "chittyid") { valid } }`, { t: token });
    expect(after.errors![0]!.extensions!.code).toBe("DELEGATION_INVALID");
  });

  it("purges expired delegations on the cron trigger", async () => {
    const actor = await registerActor(["delegate", "contexts:read"]);
    const { body } = await delegateAs(actor.apiKey, { targetService: "chittyid", scopes: ["contexts:read"], ttlSeconds: 60 });
    const outcome = await runScheduledTasks(env as Env, Date.now() + 120_000);
    expect(outcome.purgedDelegations).toBeGreaterThanOrEqual(1);
    const listed = await gql(`query($id: String) { delegations(delegatorId: $id, first: 5) { edges { node { id } } } }`, { id: actor.id });
    expect(listed.data!.delegations.edges).toEqual([]);
    expect(body.tokenId).toMatch(/^CHITTY-DELEGATION-/);
  });
});
