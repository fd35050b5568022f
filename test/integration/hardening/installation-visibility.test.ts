import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { call, errorOf, gql, env } from "../../helpers";
import { registerActor } from "../../fixtures/credentials";
import { newInstallationId } from "../../fixtures/github/installations";

async function recordInstallation(overrides: { suspended_at?: string } = {}) {
  const id = newInstallationId();
  await saveInstallation(env as Env, createDatabase((env as Env).DB), {
    id,
    account: { login: `org-${id}`, type: "Organization" },
    repository_selection: "all",
    permissions: { metadata: "read" },
    events: ["push"],
    created_at: Date.now(),
    suspended_at: overrides.suspended_at ? Date.parse(overrides.suspended_at) : null,
  }, []);
  return id;
}

async function connect(key: string, contextId: string, installationId: number) {
  return call("/v1/connections", { method: "POST", key, body: JSON.stringify({ contextId, service: "github", config: { installationId } }) });
}

describe("finding 8: ordinary actors cannot probe installations", () => {
  it("answers for an existing installation it was not granted exactly as for one that does not exist", async () => {
    const actor = await registerActor(["contexts:read", "contexts:write", "connections:read", "connections:write"]);
    const context = (await (await call("/v1/contexts/create", { method: "POST", key: actor.apiKey, body: JSON.stringify({ name: `gh ${crypto.randomUUID()}` }) })).json()) as any;
    const suspended = await recordInstallation({ suspended_at: "2026-01-01T00:00:00Z" });
    const missing = newInstallationId();
    const refusedExisting = await errorOf(await connect(actor.apiKey, context.id, suspended));
    const refusedMissing = await errorOf(await connect(actor.apiKey, context.id, missing));
    expect(refusedExisting).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(refusedExisting.message.replace(String(suspended), "N")).toBe(refusedMissing.message.replace(String(missing), "N"));

    const granted = await gql(`mutation($id: ID!, $actor: ID!) { grantInstallationAccess(id: $id, actorId: $actor) { grants { actorId } } }`, { id: String(suspended), actor: actor.id });
    expect(granted.data!.grantInstallationAccess.grants).toEqual([{ actorId: actor.id }]);
    const created = await connect(actor.apiKey, context.id, suspended);
    expect(created.status).toBe(201);
    const connection = (await created.json()) as any;
    const status = (await (await call(`/v1/connections/${connection.id}/status`, { key: actor.apiKey })).json()) as any;
    expect(status).toMatchObject({ healthy: false, reason: expect.stringContaining("is suspended") });

    await gql(`mutation($id: ID!, $actor: ID!) { revokeInstallationAccess(id: $id, actorId: $actor) { id } }`, { id: String(suspended), actor: actor.id });
    const after = (await (await call(`/v1/connections/${connection.id}/status`, { key: actor.apiKey })).json()) as any;
    expect(after.reason).not.toContain("suspended");
    expect(after.reason).toContain("is not an installation you may use");
  });
});
