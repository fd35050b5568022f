import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR_ID } from "../../../src/auth/actor";
import { ADMIN_KEY } from "../../helpers";
import { delegateAs, registerActor } from "../../fixtures/credentials";
import { fetchWithEnv } from "../../fixtures/github/browser";

/** A rate-limit binding that records which budget each call drew on, and refuses past `limit` per budget. */
function recordingLimiter(limit = Number.POSITIVE_INFINITY) {
  const keys: string[] = [];
  const binding = {
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: keys.filter((k) => k === key).length <= limit };
    },
  } as unknown as RateLimit;
  return { binding, keys };
}

const graphql = (key: string, query: string, limiter: RateLimit) =>
  fetchWithEnv("/graphql", { ACTOR_RATE_LIMITER: limiter }, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });

describe("finding 7: budgets cannot be multiplied", () => {
  it("charges the actors a non-administrator registered to the registrar's budget, and an administrator's to their own", async () => {
    const registrar = await registerActor(["contexts:read", "actors:register"]);
    const child = await registerActor(["contexts:read"], { by: registrar.apiKey });
    const grandchild = await registerActor(["contexts:read"], { by: child.apiKey }).catch(() => null);
    const independent = await registerActor(["contexts:read"], { by: ADMIN_KEY });
    const { binding, keys } = recordingLimiter();
    for (const actor of [registrar, child, independent]) {
      const response = await fetchWithEnv("/v1/actors/me", { ACTOR_RATE_LIMITER: binding }, { headers: { authorization: `Bearer ${actor.apiKey}` } });
      expect(response.status).toBe(200);
    }
    expect(keys).toEqual([registrar.id, registrar.id, independent.id]);
    // The child holds no actors:register, so it cannot register a grandchild at all.
    expect(grandchild).toBeNull();
  });

  it("charges every mutation field of a document, aliases included, and refuses the whole document past the budget", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write"]);
    const fields = Array.from({ length: 15 }, (_, i) => `m${i}: createContext(input: { name: "budget ${crypto.randomUUID()}" }) { id }`);
    const { binding, keys } = recordingLimiter();
    const response = await graphql(actor.apiKey, `mutation { ${fields.join(" ")} }`, binding);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).errors).toBeUndefined();
    expect(keys.filter((k) => k === actor.id)).toHaveLength(15);

    const queryOnly = recordingLimiter();
    await graphql(actor.apiKey, `{ a: me { id } b: me { id } c: me { id } }`, queryOnly.binding);
    expect(queryOnly.keys).toHaveLength(1);

    const tight = recordingLimiter(5);
    const names = Array.from({ length: 15 }, () => `refused ${crypto.randomUUID()}`);
    const refused = await graphql(actor.apiKey, `mutation { ${names.map((n, i) => `m${i}: createContext(input: { name: "${n}" }) { id }`).join(" ")} }`, tight.binding);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(body.data ?? null).toBeNull();
    const listed = await graphql(actor.apiKey, `{ searchContexts(query: "refused") { name } }`, recordingLimiter().binding);
    const found = ((await listed.json()) as any).data.searchContexts.map((c: any) => c.name);
    expect(found.filter((n: string) => names.includes(n))).toEqual([]);
  });

  it("exempts only the admin key itself from rate limiting, not a delegation it issued", async () => {
    const issued = await delegateAs(ADMIN_KEY, { targetService: "chittyconnect", scopes: ["contexts:read"] });
    const { binding, keys } = recordingLimiter();
    for (const key of [ADMIN_KEY, issued.body.token]) {
      const response = await fetchWithEnv("/v1/actors/me", { ACTOR_RATE_LIMITER: binding }, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
    }
    expect(keys).toEqual([SYSTEM_ACTOR_ID]);
  });
});
