import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { issueTriages } from "../../../src/db/schema";
import { FINAL_ATTEMPT } from "../../../src/queue/triage/triage-consumer";
import { FakeGitHub } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { BUG_REPORT, givenTriageRepository, triageRow } from "../../fixtures/github/triage";
import { consume } from "../../fixtures/queue/consume";

function triageJob(repo: { nodeId: string; fullName: string }, installationId: number, issue: { nodeId: string; number: number }, jobId = crypto.randomUUID()) {
  return { kind: "issue.triage", jobId, repository: { nodeId: repo.nodeId, fullName: repo.fullName, installationId }, issue: { nodeId: issue.nodeId, number: issue.number }, reason: "opened" };
}

describe("TRIAGE_Q consumer", () => {
  it("records a failure that cannot succeed on the issue and acknowledges the job", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    // GitHub answers writes to an archived repository with 403: no retry can change that.
    repo.isArchived = true;
    const result = await consume("chittyconnect-triage", [triageJob(repo, installationId, issue)]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(result.retried).toEqual([]);
    expect(await triageRow(repo, issue.number)).toMatchObject({ status: "failed", reason: expect.stringContaining("GITHUB_WRITE_FORBIDDEN"), leaseJob: null, triagedAt: null });
  });

  it("retries a failure GitHub may recover from, freeing the issue meanwhile, and records it after the last attempt", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const job = triageJob(repo, installationId, issue);
    // Reads are tried twice within an attempt; four 502s fail this attempt and the next.
    github.fail("POST /graphql", { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const first = await consume("chittyconnect-triage", [job]);
    expect(first.retried).toEqual([{ msgId: "m0", delaySeconds: expect.any(Number) }]);
    expect(first.retried[0]!.delaySeconds).toBeGreaterThan(0);
    expect(await triageRow(repo, issue.number)).toMatchObject({ status: "pending", reason: expect.stringContaining("UPSTREAM_UNAVAILABLE"), leaseJob: null });
    const last = await consume("chittyconnect-triage", [job], FINAL_ATTEMPT);
    expect(last.retried).toEqual([]);
    expect(last.explicitAcks).toEqual(["m0"]);
    expect(await triageRow(repo, issue.number)).toMatchObject({ status: "failed", reason: expect.stringContaining("UPSTREAM_UNAVAILABLE") });
    // Once GitHub is back, the next job for the issue triages it.
    const next = await consume("chittyconnect-triage", [triageJob(repo, installationId, issue)]);
    expect(next.explicitAcks).toEqual(["m0"]);
    expect(await triageRow(repo, issue.number)).toMatchObject({ status: "triaged", reason: null });
  });

  it("waits for the job that holds the issue, even a copy of itself, until its lease ends at the latest", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const now = Date.now();
    const job = triageJob(repo, installationId, issue);
    await db.insert(issueTriages).values({ repositoryNodeId: repo.nodeId, number: issue.number, repository: repo.fullName, repositoryKey: repo.fullName.toLowerCase(), installationId, issueNodeId: issue.nodeId, status: "pending", appliedLabels: [], leaseJob: job.jobId, leaseUntil: now + 10_000, updatedAt: now });
    expect((await consume("chittyconnect-triage", [job])).retried).toEqual([{ msgId: "m0", delaySeconds: 30 }]);
    // A holder whose isolate died keeps the lease until it ends; the wait then runs to that end.
    await db.update(issueTriages).set({ leaseJob: "someone-else", leaseUntil: now + 240_000 }).where(eq(issueTriages.repositoryNodeId, repo.nodeId));
    const [retried] = (await consume("chittyconnect-triage", [job])).retried;
    expect(retried!.delaySeconds).toBeGreaterThan(230);
    expect(retried!.delaySeconds).toBeLessThanOrEqual(300);
    const [row] = await db.select().from(issueTriages).where(eq(issueTriages.repositoryNodeId, repo.nodeId));
    expect(row).toMatchObject({ leaseJob: "someone-else", status: "pending" });
    expect(github.commentsOn(repo, issue.number)).toEqual([]);
    // Once the lease has ended, the job takes the issue.
    await db.update(issueTriages).set({ leaseUntil: now - 1 }).where(eq(issueTriages.repositoryNodeId, repo.nodeId));
    expect((await consume("chittyconnect-triage", [job])).explicitAcks).toEqual(["m0"]);
    expect(await triageRow(repo, issue.number)).toMatchObject({ status: "triaged", lastJob: job.jobId });
  });

  it("drops a message that is not a job, loudly", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await consume("chittyconnect-triage", [{ kind: "issue.triage", jobId: "x" }]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(error).toHaveBeenCalledWith("TRIAGE_Q message is not a job; dropping it", expect.anything());
  });
});
