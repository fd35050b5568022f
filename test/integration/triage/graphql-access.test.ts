import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issueTriages, repositoryContexts } from "../../../src/db/schema";
import type { StoredTriage } from "../../../src/intelligence/issue-triage/stored-triage";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { registerActor } from "../../fixtures/credentials";
import { db } from "../../fixtures/db";
import { newInstallationId } from "../../fixtures/github/installations";
import { gql } from "../../helpers";

const TRIAGE = `query($repository: String!, $number: Int!) { issueTriage(repository: $repository, number: $number) { repository status priority { level } } }`;
const CONTEXT = `query($repository: String!) { repositoryContext(repository: $repository) { repository refreshes triageSettings { source minConfidence } } }`;

const RESULT: StoredTriage = {
  reason: "opened",
  labels: { applied: [], suggested: [] },
  priority: { level: "P2", reasons: ["bug report"], label: null, applied: false },
  related: [],
  assignees: null,
  added: [],
  removedByHuman: [],
  configProblems: [],
};

/** An installation in D1 with one triaged issue and a repository context record, written directly. */
async function givenTriagedRepository() {
  const installationId = newInstallationId();
  await saveInstallation(env as Env, db, { id: installationId, account: { login: `org-${installationId}`, type: "Organization" }, repository_selection: "all", permissions: { issues: "write" }, events: ["issues"], created_at: Date.now(), suspended_at: null }, []);
  const repository = `org-${installationId}/service`;
  const nodeId = `R_${crypto.randomUUID()}`;
  const now = Date.now();
  await db.insert(issueTriages).values({ repositoryNodeId: nodeId, number: 7, repository, repositoryKey: repository.toLowerCase(), installationId, issueNodeId: `I_${crypto.randomUUID()}`, status: "triaged", result: RESULT, appliedLabels: [], triagedAt: now, updatedAt: now });
  await db.insert(repositoryContexts).values({ repositoryNodeId: nodeId, repository, repositoryKey: repository.toLowerCase(), installationId, claimedAt: now, claimJob: "job" });
  return { installationId, repository };
}

describe("Query.issueTriage and Query.repositoryContext", () => {
  it("refuse input that cannot name a repository or an issue", async () => {
    for (const [query, variables] of [
      [TRIAGE, { repository: "not a repository", number: 1 }],
      [TRIAGE, { repository: "owner/name/extra", number: 1 }],
      [TRIAGE, { repository: "owner/name", number: 0 }],
      [TRIAGE, { repository: "owner/name", number: -3 }],
      [TRIAGE, { repository: `${"o".repeat(150)}/${"n".repeat(60)}`, number: 1 }],
      [CONTEXT, { repository: "../etc/passwd" }],
      [CONTEXT, { repository: "owner/na\u0000me" }],
    ] as const) {
      const result = await gql(query, variables);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe("INVALID_INPUT");
    }
  });

  it("show an installation's repositories to github:admin and to grantees, and to anyone else exactly as nothing", async () => {
    const { installationId, repository } = await givenTriagedRepository();
    const stranger = await registerActor(["contexts:read"]);
    const grantee = await registerActor(["contexts:read"]);
    const blind = await registerActor(["connections:read"]);

    const admin = await gql(TRIAGE, { repository, number: 7 });
    expect(admin.data!.issueTriage).toEqual({ repository, status: "TRIAGED", priority: { level: "P2" } });
    expect((await gql(CONTEXT, { repository: repository.toUpperCase() })).data!.repositoryContext).toEqual({ repository, refreshes: 0, triageSettings: { source: "default", minConfidence: 0.75 } });

    // Not granted: the same answer as for an issue and a repository that do not exist.
    const hidden = await gql(TRIAGE, { repository, number: 7 }, { key: stranger.apiKey });
    const missing = await gql(TRIAGE, { repository: `nobody-${installationId}/nothing`, number: 7 }, { key: stranger.apiKey });
    expect(hidden).toEqual(missing);
    expect(hidden.data).toEqual({ issueTriage: null });
    const hiddenContext = await gql(CONTEXT, { repository }, { key: stranger.apiKey });
    expect(hiddenContext).toEqual(await gql(CONTEXT, { repository: `nobody-${installationId}/nothing` }, { key: stranger.apiKey }));
    expect(hiddenContext.data).toEqual({ repositoryContext: null });

    const granted = await gql(`mutation($id: ID!, $actor: ID!) { grantInstallationAccess(id: $id, actorId: $actor) { id } }`, { id: String(installationId), actor: grantee.id });
    expect(granted.errors).toBeUndefined();
    expect((await gql(TRIAGE, { repository, number: 7 }, { key: grantee.apiKey })).data!.issueTriage).toMatchObject({ status: "TRIAGED" });
    expect((await gql(CONTEXT, { repository }, { key: grantee.apiKey })).data!.repositoryContext).toMatchObject({ repository });
    expect((await gql(TRIAGE, { repository, number: 7 }, { key: stranger.apiKey })).data!.issueTriage).toBeNull();

    // Without contexts:read the refusal says so, whatever the repository.
    for (const [query, variables] of [[TRIAGE, { repository, number: 7 }], [CONTEXT, { repository }]] as const) {
      const refused = await gql(query, variables, { key: blind.apiKey });
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("Repository: context, triage settings, issues and timeline", () => {
  const REPOSITORY = `query($fullName: String!) { repository(fullName: $fullName) {
    fullName context { repository } triageSettings { source }
    issues(first: 5) { edges { node { repository status } } }
    issue(number: 7) { status } missing: issue(number: 8) { status }
    timeline(first: 5) { edges { node { type } } }
  } }`;

  it("answers, for a repository the App only triaged, what the root fields answer", async () => {
    const { repository } = await givenTriagedRepository();
    const result = await gql(REPOSITORY, { fullName: repository });
    expect(result.errors).toBeUndefined();
    expect(result.data!.repository).toEqual({
      fullName: repository,
      context: { repository },
      triageSettings: { source: "default" },
      issues: { edges: [{ node: { repository, status: "TRIAGED" } }] },
      issue: { status: "TRIAGED" },
      missing: null,
      timeline: { edges: [] },
    });
  });

  it("hides it from anyone not granted its installation, and refuses its triage fields without contexts:read", async () => {
    const { installationId, repository } = await givenTriagedRepository();
    const stranger = await registerActor(["connections:read", "contexts:read"]);
    const hidden = await gql(REPOSITORY, { fullName: repository }, { key: stranger.apiKey });
    expect(hidden.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(hidden).toEqual(await gql(REPOSITORY, { fullName: `nobody-${installationId}/nothing` }, { key: stranger.apiKey }).then((r) => ({ ...r, errors: r.errors?.map((e) => ({ ...e, message: e.message.replace(`nobody-${installationId}/nothing`, repository) })) })));

    const reviewer = await registerActor(["connections:read"]);
    expect((await gql(`mutation($id: ID!, $actor: ID!) { grantInstallationAccess(id: $id, actorId: $actor) { id } }`, { id: String(installationId), actor: reviewer.id })).errors).toBeUndefined();
    const partial = await gql(`query($fullName: String!) { repository(fullName: $fullName) { fullName issues(first: 1) { edges { node { status } } } } }`, { fullName: repository }, { key: reviewer.apiKey });
    expect(partial.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(partial.data).toBeNull();
  });
});
