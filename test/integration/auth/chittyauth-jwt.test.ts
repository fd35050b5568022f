import { beforeEach, describe, expect, it } from "vitest";
import { call } from "../../helpers";
import { chittyAuthJwt, registerActor, serveChittyAuthJwks } from "../../fixtures/credentials";

beforeEach(() => serveChittyAuthJwks());

describe("ChittyAuth JWTs", () => {
  it("authenticates a registered actor, narrowed to the token's scope", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write"]);
    const full = await call("/v1/actors/me", { key: await chittyAuthJwt(actor.id) });
    expect(full.status).toBe(200);
    const scoped = await chittyAuthJwt(actor.id, { scope: "contexts:read" });
    const caps = (await (await call(`/v1/actors/${actor.id}/capabilities`, { key: scoped })).json()) as any;
    expect(caps).toMatchObject({ effective: ["contexts:read"], credential: "chittyauth-jwt" });
  });

  it("refuses expired, forged and unknown-subject tokens with 401", async () => {
    const actor = await registerActor(["contexts:read"]);
    for (const token of [
      await chittyAuthJwt(actor.id, { expiresIn: -60 }),
      await chittyAuthJwt(actor.id, { forged: true }),
      await chittyAuthJwt("CHITTY-ACTOR-00000000-0000-4000-8000-0000000000aa"),
    ]) {
      expect((await call("/v1/actors/me", { key: token })).status).toBe(401);
    }
  });
});
