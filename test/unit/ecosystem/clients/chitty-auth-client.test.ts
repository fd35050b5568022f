import { describe, expect, it } from "vitest";
import { createChittyAuthClient } from "../../../../src/ecosystem/clients/chitty-auth-client";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();
const request = { chittyId: "03-1-USA-0001-T-2604-3-00", scope: ["chittyid:read", "chronicle:write"], service: "chittyconnect", expiresIn: 2_592_000 };

describe("ChittyAuth client", () => {
  it("provisions the gateway's token with {chittyId, scope, service, expiresIn}, reading token or access_token, top level or under data", async () => {
    const expiries: (number | null)[] = [];
    for (const variant of [0, 1, 2]) {
      ctx.fake.variants.chittyauth = variant;
      const result = await (await createChittyAuthClient(ctx.env())).provisionToken(request);
      if (!result.provisioned) throw new Error(`variant ${variant}: ${result.reason}`);
      expect(ctx.fake.issuedTokens.has(result.token), `variant ${variant}`).toBe(true);
      expiries.push(result.expiresAt);
    }
    expect(expiries[0]).toBeGreaterThan(Date.now());
    expect(expiries[1]).toBeGreaterThan(Date.now());
    expect(expiries[2]).toBeNull();
    expect(ctx.fake.callsTo("chittyauth")[0]).toMatchObject({ method: "POST", path: "/v1/tokens/provision", body: request, contentType: "application/json" });
  });

  it("reads 200 {valid: true} as valid and 401 as invalid", async () => {
    const client = await createChittyAuthClient(ctx.env());
    const provisioned = await client.provisionToken(request);
    if (!provisioned.provisioned) throw new Error("not provisioned");
    expect(await client.validateToken(provisioned.token)).toEqual({ valid: true, source: "remote" });
    expect(await client.validateToken("ca_test_forged")).toEqual({ valid: false, source: "remote", reason: "ChittyAuth does not accept the token" });
    expect(ctx.fake.callsTo("chittyauth").at(-1)).toMatchObject({ path: "/v1/tokens/validate", body: { token: "ca_test_forged" } });
  });

  it("embedded, provisions nothing and accepts no token, saying why", async () => {
    const client = await createChittyAuthClient(embeddedEnv());
    expect(client.mode).toBe("embedded");
    expect(await client.provisionToken(request)).toEqual({ provisioned: false, reason: expect.stringMatching(/no ChittyAuth configured \(CHITTY_AUTH_URL\)/) });
    expect(await client.validateToken("anything")).toMatchObject({ valid: false, source: "embedded" });
  });
});
