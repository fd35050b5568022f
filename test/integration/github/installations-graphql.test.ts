import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { githubInstallation } from "../../../src/github/installation";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { yoga } from "../../../src/yoga";
import { db } from "../../fixtures/db";
import { requestContext } from "../../fixtures/request-context";
import { installationResource } from "../../fakes/github";
import { call, gql } from "../../helpers";

const INSTALLATION_FIELDS = `id chittyId account { login type } repositorySelection repositories { id fullName private }
  permissions events installedAt suspendedAt uninstalledAt timeline(first: 5) { edges { node { type data } } }`;

async function givenInstallation() {
  const id = 30_000_000 + Math.floor(Math.random() * 9_999_999);
  const gh = githubInstallation.parse(installationResource(id, { suspended_at: "2026-04-03T00:00:00Z" }));
  const repositories = [
    { id: id * 10 + 2, full_name: `octo-org-${id}/zeta`, private: true },
    { id: id * 10 + 1, full_name: `octo-org-${id}/alpha`, private: false },
  ];
  return (await saveInstallation(env, db, gh, repositories)).installation;
}

describe("GraphQL installations", () => {
  it("reads an installation by GitHub id or ChittyID, with its account, repositories and timeline", async () => {
    const installation = await givenInstallation();
    const byId = await gql(`query($id: ID!) { installation(id: $id) { ${INSTALLATION_FIELDS} } }`, { id: String(installation.id) });
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.installation).toEqual({
      id: String(installation.id),
      chittyId: installation.chittyId,
      account: { login: `octo-org-${installation.id}`, type: "Organization" },
      repositorySelection: "selected",
      repositories: [
        { id: String(installation.id * 10 + 1), fullName: `octo-org-${installation.id}/alpha`, private: false },
        { id: String(installation.id * 10 + 2), fullName: `octo-org-${installation.id}/zeta`, private: true },
      ],
      permissions: { contents: "read", metadata: "read", pull_requests: "write", issues: "write", checks: "write" },
      events: ["push", "pull_request", "issues"],
      installedAt: "2026-04-01T12:00:00.000Z",
      suspendedAt: "2026-04-03T00:00:00.000Z",
      uninstalledAt: null,
      timeline: { edges: [{ node: { type: "github.app.installed", data: expect.objectContaining({ installationId: installation.id }) } }] },
    });
    const byChittyId = await gql(`query($id: ID!) { installation(id: $id) { ${INSTALLATION_FIELDS} } }`, { id: installation.chittyId });
    expect(byChittyId.data).toEqual(byId.data);
  });

  it("pages installations newest first", async () => {
    await givenInstallation();
    await givenInstallation();
    const first = await gql(`{ installations(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data!.installations.edges).toHaveLength(1);
    expect(first.data!.installations.pageInfo.hasNextPage).toBe(true);
    const next = await gql(`query($after: String) { installations(first: 1, after: $after) { edges { node { id } } } }`, {
      after: first.data!.installations.pageInfo.endCursor,
    });
    expect(next.data!.installations.edges[0].node.id).not.toBe(first.data!.installations.edges[0].node.id);
  });

  it("refuses ids that are neither and reports unknown ones as NOT_FOUND", async () => {
    for (const id of ["a b c", "CHITTY-ACTOR-00000000-0000-4000-8000-000000000000", "-1", "0"]) {
      const result = await gql(`query($id: ID!) { installation(id: $id) { id } }`, { id });
      expect(result.errors![0]!.extensions!.code, id).toBe("INVALID_INPUT");
    }
    const missing = await gql(`{ installation(id: "999999999999") { id } }`);
    expect(missing.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const backwards = await gql(`{ installations(last: 1) { edges { cursor } } }`);
    expect(backwards.errors![0]!.extensions!.code).toBe("INVALID_INPUT");
  });
});

describe("GraphQL installations and deliveries need github:admin", () => {
  const queries = [
    `{ installations { edges { cursor } } }`,
    `{ installation(id: "1") { id } }`,
    `{ deliveries { edges { cursor } } }`,
  ];

  it("answers 401 without a credential", async () => {
    for (const query of queries) {
      const response = await call("/graphql", { method: "POST", key: null, body: JSON.stringify({ query }) });
      expect(response.status, query).toBe(401);
    }
  });

  async function asActor(capabilities: string[], query: string) {
    const request = new Request("https://connect.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return (await (await yoga.fetch(request, requestContext({ id: "CHITTY-ACTOR-22222222-2222-4222-8222-222222222222", type: "human", capabilities }))).json()) as any;
  }

  it("answers FORBIDDEN to an actor without github:admin, and data to one with only github:admin", async () => {
    const installation = await givenInstallation();
    for (const query of queries) {
      const result = await asActor(["contexts:read", "contexts:write", "actors:admin"], query);
      expect(result.errors[0].extensions.code, query).toBe("FORBIDDEN");
      expect(result.errors[0].message).toContain("github:admin");
    }
    const nested = await asActor(["github:admin"], `{ installation(id: "${installation.id}") { chittyId repositories { fullName } timeline { edges { node { type } } } } }`);
    expect(nested.errors).toBeUndefined();
    expect(nested.data.installation.chittyId).toBe(installation.chittyId);
    expect(nested.data.installation.repositories).toHaveLength(2);
  });
});
