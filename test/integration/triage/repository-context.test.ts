import { eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { chronicleEvents, contexts, dnaRecords, repositoryContexts } from "../../../src/db/schema";
import { README_SUMMARY_MODEL } from "../../../src/intelligence/repository/generated-readme-summary";
import { claimContextRefresh, CONTEXT_REFRESH_INTERVAL_MS } from "../../../src/queue/triage/context-claim";
import { runContextRefresh } from "../../../src/queue/triage/run-context-refresh";
import type { ContextMessage } from "../../../src/queue/triage/triage-message";
import { FakeGitHub, type FakeRepository } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { processedPayload } from "../../fixtures/github/events";
import { BUG_REPORT, contextRow, deliverAndProcess, givenTriageRepository, issuesPayload, repositoryPayload, watchJobs } from "../../fixtures/github/triage";
import { gql } from "../../helpers";

const CONTEXT_QUERY = `query($repository: String!) {
  repositoryContext(repository: $repository) {
    repository installationId description defaultBranch primaryLanguage topics refreshes refreshedAt lastError codeownersPath
    languages { name bytes share }
    readme { path paragraph headings { depth text } generatedSummary { text model } }
    activity { days commits pullRequests issues }
    codeowners { pattern owners }
    triageSettings { enabled labels assignees minConfidence commandsEnabled problems source }
    context { id name version ownerId dna { kind event } }
  }
}`;

/** A push of one commit to `ref`, as GitHub sends it for the fake repository. */
function pushPayload(repo: FakeRepository, installationId: number, ref = `refs/heads/${repo.defaultBranch}`) {
  const payload = processedPayload("push", undefined, installationId);
  return { ...payload, ref, deleted: false, repository: { ...payload.repository, ...repositoryPayload(repo) } };
}

const contextMessage = (repo: FakeRepository, installationId: number, jobId: string): ContextMessage => ({
  kind: "repository.context",
  jobId,
  repository: { nodeId: repo.nodeId, fullName: repo.fullName, installationId },
  reason: "push",
});

/** The ids of the jobs sent to TRIAGE_Q while the spy watched. */
function sentJobIds() {
  const spy = vi.spyOn((env as Env).TRIAGE_Q, "sendBatch");
  return () => spy.mock.calls.flatMap(([messages]) => [...messages]).map((m) => (m.body as { jobId: string }).jobId);
}

/** Moves the repository's last claim back, as if the refresh happened `ms` ago. */
async function claimedAgo(repo: FakeRepository, ms: number) {
  await db.update(repositoryContexts).set({ claimedAt: Date.now() - ms }).where(eq(repositoryContexts.repositoryNodeId, repo.nodeId));
}

describe("repository context as a ChittyConnect Context", () => {
  it("is built on the first push to the default branch and refreshed at most once in 10 minutes", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github, { ".github/CODEOWNERS": "src/webhooks/ @carol @org/hooks\n*.md @docs-team\n", ".github/chittyconnect.yml": "triage:\n  assignees: true\n" });
    repo.topics = ["webhooks", "queues"];
    repo.languages = [{ name: "TypeScript", size: 9_000 }, { name: "Shell", size: 1_000 }];
    repo.addIssue({ title: "Recent issue" });

    const first = await deliverAndProcess("push", pushPayload(repo, installationId));
    expect(await jobs.outcome(`${first}:context`)).toBe("created");
    const { data, errors } = await gql(CONTEXT_QUERY, { repository: repo.fullName });
    expect(errors).toBeUndefined();
    const context = data!.repositoryContext;
    expect(context).toMatchObject({
      repository: repo.fullName,
      installationId: String(installationId),
      defaultBranch: "main",
      primaryLanguage: "TypeScript",
      topics: ["webhooks", "queues"],
      refreshes: 1,
      lastError: null,
      codeownersPath: ".github/CODEOWNERS",
      languages: [{ name: "TypeScript", bytes: 9_000, share: 0.9 }, { name: "Shell", bytes: 1_000, share: 0.1 }],
      readme: { path: "README.md", paragraph: "Widget connects webhooks to queues and keeps every delivery it was sent.", generatedSummary: null },
      activity: { days: 30, commits: 1, pullRequests: 0, issues: 1 },
      codeowners: [{ pattern: "src/webhooks/", owners: ["@carol", "@org/hooks"] }, { pattern: "*.md", owners: ["@docs-team"] }],
      triageSettings: { enabled: true, labels: true, assignees: true, minConfidence: 0.75, commandsEnabled: true, problems: [], source: "repository" },
    });
    expect(context.readme.headings).toEqual([{ depth: 1, text: "Widget" }, { depth: 2, text: "Install" }, { depth: 2, text: "Usage" }]);
    expect(context.context).toMatchObject({ name: `GitHub ${repo.fullName}`, version: 1, ownerId: "CHITTY-ACTOR-00000000-0000-4000-8000-000000000000", dna: [{ kind: "genesis", event: "created" }] });

    // A second push within the 10 minutes: its job finds the context fresh.
    const second = await deliverAndProcess("push", pushPayload(repo, installationId));
    expect(await jobs.outcome(`${second}:context`)).toBe("fresh");
    expect(await contextRow(repo)).toMatchObject({ refreshes: 1 });

    // Ten minutes later (the stored claim moved back), a push refreshes it as a DNA evolution.
    await claimedAgo(repo, CONTEXT_REFRESH_INTERVAL_MS + 1_000);
    repo.commit({ files: { "README.md": "# Widget\n\nWidget now also replays every delivery it kept, on request.\n" } });
    const third = await deliverAndProcess("push", pushPayload(repo, installationId));
    expect(await jobs.outcome(`${third}:context`)).toBe("refreshed");
    const after = (await gql(CONTEXT_QUERY, { repository: repo.fullName })).data!.repositoryContext;
    expect(after).toMatchObject({ refreshes: 2, readme: { paragraph: "Widget now also replays every delivery it kept, on request." }, activity: { commits: 2 } });
    expect(after.context).toMatchObject({ id: context.context.id, version: 2, dna: [{ kind: "genesis", event: "created" }, { kind: "evolution", event: "updated" }] });
    const events = await db.select().from(chronicleEvents).where(eq(chronicleEvents.subjectId, context.context.id)).orderBy(chronicleEvents.seq);
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([["context.created", "push"], ["context.updated", "push"]]);

    // A push to another branch is not a reason to refresh: no job is even sent.
    await claimedAgo(repo, CONTEXT_REFRESH_INTERVAL_MS + 1_000);
    const sent = sentJobIds();
    const branch = await deliverAndProcess("push", pushPayload(repo, installationId, "refs/heads/feature"));
    expect(sent()).not.toContain(`${branch}:context`);
    const main = await deliverAndProcess("push", pushPayload(repo, installationId));
    expect(sent()).toEqual([`${main}:context`]);
    expect(await jobs.outcome(`${main}:context`)).toBe("refreshed");
  });

  it("refreshes once when two pushes race for it", async () => {
    const github = new FakeGitHub().install();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { installationId, repo } = givenTriageRepository(github);
    const bindings = env as Env;
    expect(await runContextRefresh(bindings, db, contextMessage(repo, installationId, "first-push"))).toBe("created");
    await claimedAgo(repo, CONTEXT_REFRESH_INTERVAL_MS + 1_000);
    const outcomes = await Promise.all([
      runContextRefresh(bindings, db, contextMessage(repo, installationId, "push-a")),
      runContextRefresh(bindings, db, contextMessage(repo, installationId, "push-b")),
    ]);
    expect(outcomes.sort()).toEqual(["fresh", "refreshed"]);
    const row = await contextRow(repo);
    expect(row).toMatchObject({ refreshes: 2 });
    expect(await db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, row!.contextId!))).toHaveLength(2);
    // A copy of the winner, once it committed, finds the context fresh.
    expect(await runContextRefresh(bindings, db, contextMessage(repo, installationId, row!.claimJob))).toBe("fresh");
    // A holder that failed after claiming may retry within the 10 minutes; nobody else may.
    await claimedAgo(repo, CONTEXT_REFRESH_INTERVAL_MS + 1_000);
    expect(await claimContextRefresh(db, contextMessage(repo, installationId, "crashed"), Date.now())).not.toBeNull();
    expect(await runContextRefresh(bindings, db, contextMessage(repo, installationId, "someone-else"))).toBe("fresh");
    expect(await runContextRefresh(bindings, db, contextMessage(repo, installationId, "crashed"))).toBe("refreshed");
    expect(await contextRow(repo)).toMatchObject({ refreshes: 3 });
  });

  it("adds a generated README summary, marked as such, only when Workers AI is bound", async () => {
    const github = new FakeGitHub().install();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const bindings = env as Env;
    const run = vi.fn(async (model: string, input: { messages: { role: string; content: string }[] }) => {
      expect(model).toBe(README_SUMMARY_MODEL);
      expect(input.messages.at(-1)!.content).toContain("Widget connects webhooks to queues");
      return { response: "  Widget is a   small service that moves webhooks into queues. " };
    });
    const withAi = { ...bindings, AI: { run } as unknown as Ai };

    const bound = givenTriageRepository(github);
    await runContextRefresh(withAi, db, contextMessage(bound.repo, bound.installationId, crypto.randomUUID()));
    expect(run).toHaveBeenCalledTimes(1);
    const generated = (await gql(CONTEXT_QUERY, { repository: bound.repo.fullName })).data!.repositoryContext.readme;
    expect(generated).toMatchObject({
      paragraph: "Widget connects webhooks to queues and keeps every delivery it was sent.",
      generatedSummary: { text: "Widget is a small service that moves webhooks into queues.", model: README_SUMMARY_MODEL },
    });

    const absent = givenTriageRepository(github);
    await runContextRefresh(bindings, db, contextMessage(absent.repo, absent.installationId, crypto.randomUUID()));
    expect((await gql(CONTEXT_QUERY, { repository: absent.repo.fullName })).data!.repositoryContext.readme.generatedSummary).toBeNull();

    const failing = givenTriageRepository(github);
    const broken = { ...bindings, AI: { run: async () => Promise.reject(new Error("model overloaded")) } as unknown as Ai };
    await runContextRefresh(broken, db, contextMessage(failing.repo, failing.installationId, crypto.randomUUID()));
    const fallback = (await gql(CONTEXT_QUERY, { repository: failing.repo.fullName })).data!.repositoryContext.readme;
    expect(fallback).toMatchObject({ paragraph: expect.stringContaining("Widget"), generatedSummary: null });
    expect(warn).toHaveBeenCalledWith("README summary not generated", expect.objectContaining({ problem: expect.stringContaining("model overloaded") }));
  });

  it("is created on installation and on the first event of a repository that has none", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const installed = givenTriageRepository(github);
    const payload = processedPayload("installation", "created", installed.installationId);
    payload.repositories = [{ id: installed.repo.id, node_id: installed.repo.nodeId, name: installed.repo.name, full_name: installed.repo.fullName, private: false }];
    const installation = await deliverAndProcess("installation", payload);
    expect(await jobs.outcome(`${installation}:context:0`)).toBe("created");
    expect(await contextRow(installed.repo)).toMatchObject({ refreshes: 1, contextId: expect.stringMatching(/^CHITTY-CONTEXT-/) });

    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const opened = await deliverAndProcess("issues", issuesPayload(repo, issue, "opened", installationId));
    expect(await jobs.outcome(`${opened}:context`)).toBe("created");
    const row = await contextRow(repo);
    const [context] = await db.select().from(contexts).where(eq(contexts.id, row!.contextId!));
    expect(context!.data).toMatchObject({ kind: "github.repository", repository: { nodeId: repo.nodeId, fullName: repo.fullName, installationId } });
    // The next event finds the context and queues its triage, but no context job.
    const sent = sentJobIds();
    const edited = await deliverAndProcess("issues", issuesPayload(repo, issue, "edited", installationId));
    expect(sent()).toEqual([edited]);
    expect(await jobs.outcome(edited)).toBe("triaged");
  });
});
