import { describe, expect, it } from "vitest";
import { TRIAGE_COMMENT_MARKER } from "../../../src/intelligence/triage/triage-comment";
import { FakeGitHub } from "../../fakes/github";
import { BUG_REPORT, deliverAndProcess, eventsAbout, givenTriageRepository, issuesPayload, REPOSITORY_LABELS, triageRow, watchJobs } from "../../fixtures/github/triage";
import { consume } from "../../fixtures/queue/consume";
import { gql } from "../../helpers";

const TRIAGE_QUERY = `query($repository: String!, $number: Int!) {
  issueTriage(repository: $repository, number: $number) {
    repository number status reason trigger issueChittyId commentUrl triagedAt configProblems
    labels { applied { name type confidence evidence } suggested { name confidence } added removedByHuman }
    priority { level reasons label applied }
    related { number title state score }
    suggestedAssignees { login team reasons }
  }
}`;

const labelNames = (repo: { labels: { name: string }[] }) => repo.labels.map((l) => l.name).sort();

describe("issue triage through the Worker, EVENT_Q, TRIAGE_Q and the fake GitHub", () => {
  it("labels an opened issue with existing labels only and writes one triage comment", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const earlier = repo.addIssue({ title: "Webhook handler rejects large payloads", body: "Payloads over 1 MB fail with a TypeError.", state: "closed" });
    repo.addIssue({ title: "Dark mode for the dashboard", body: "Please add a dark theme." });
    const issue = repo.addIssue({ ...BUG_REPORT, author: "reporter" });

    const deliveryId = await deliverAndProcess("issues", issuesPayload(repo, issue, "opened", installationId));
    expect(await jobs.outcome(deliveryId)).toBe("triaged");

    expect(issue.labels.sort()).toEqual(["bug", "priority: high"]);
    // GitHub creates a label the repository lacks when asked to add it; triage never asked for one.
    expect(labelNames(repo)).toEqual([...REPOSITORY_LABELS].sort());
    const comments = github.commentsOn(repo, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith(TRIAGE_COMMENT_MARKER)).toBe(true);
    expect(comments[0]!.app).not.toBeNull();
    expect(comments[0]!.body).toContain("`bug`");

    const { data, errors } = await gql(TRIAGE_QUERY, { repository: repo.fullName.toUpperCase(), number: issue.number });
    expect(errors).toBeUndefined();
    const triage = data!.issueTriage;
    expect(triage).toMatchObject({ repository: repo.fullName, number: issue.number, status: "TRIAGED", reason: null, trigger: "opened", configProblems: [] });
    expect(triage.issueChittyId).toMatch(/^CHITTY-ISSUE-/);
    expect(triage.commentUrl).toContain(`#issuecomment-${comments[0]!.id}`);
    expect(triage.labels.applied).toEqual([expect.objectContaining({ name: "bug", type: "bug", evidence: expect.arrayContaining([expect.any(String)]) })]);
    expect(triage.labels.applied[0].confidence).toBeGreaterThanOrEqual(0.75);
    expect(triage.labels.added.sort()).toEqual(["bug", "priority: high"]);
    expect(triage.priority).toMatchObject({ level: "P1", label: "priority: high", applied: true, reasons: expect.arrayContaining(["crash"]) });
    expect(triage.related.map((r: any) => r.number)).toEqual([earlier.number]);
    expect(triage.related[0].score).toBeGreaterThan(0.25);
    // Assignees are off unless the repository's config turns them on.
    expect(triage.suggestedAssignees).toBeNull();

    const triaged = await eventsAbout(issue.nodeId, "github.issues.triaged");
    expect(triaged).toHaveLength(1);
    expect(triaged[0]!.data).toMatchObject({ jobId: deliveryId, reason: "opened", added: expect.arrayContaining(["bug"]), priority: "P1" });
    expect(triaged[0]!.data).not.toHaveProperty("deliveryId");
  });

  it("suggests who could take it, from CODEOWNERS and from who recently committed to the paths it names", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github, { ".github/CODEOWNERS": "src/webhooks/ @carol @org/hooks\n", ".github/chittyconnect.yml": "triage:\n  assignees: true\n" });
    repo.commit({ files: { "src/auth/session.ts": "export const ttl = 60;\n" }, author: { login: "dana" } });
    repo.commit({ files: { "src/auth/session.ts": "export const ttl = 3600;\n" }, author: { login: "dana" } });
    repo.commit({ files: { "src/webhooks/verify.ts": "export {};\n" }, author: { login: "erin" } });
    repo.commit({ files: { "docs/unrelated.md": "# notes\n" }, author: { login: "frank" } });
    const issue = repo.addIssue({ title: "Sessions expire after a minute", body: "Since the last release `src/auth/session.ts` logs users out, and the webhook handler rejects their retries.", author: "reporter" });

    const deliveryId = await deliverAndProcess("issues", issuesPayload(repo, issue, "opened", installationId));
    expect(await jobs.outcome(deliveryId)).toBe("triaged");

    const { data, errors } = await gql(TRIAGE_QUERY, { repository: repo.fullName, number: issue.number });
    expect(errors).toBeUndefined();
    const suggested = data!.issueTriage.suggestedAssignees;
    // dana committed to the path the issue names; carol owns, and erin committed in, the folder it names as words.
    expect(suggested.filter((s: any) => !s.team).map((s: any) => s.login).sort()).toEqual(["carol", "dana", "erin"]);
    expect(suggested.find((s: any) => s.login === "dana").reasons.join(" ")).toContain("src/auth/session.ts");
    expect(suggested.find((s: any) => s.login === "carol").reasons.join(" ")).toMatch(/CODEOWNERS/i);
    expect(suggested.some((s: any) => s.login === "frank" || s.login === "reporter")).toBe(false);
    expect(github.commentsOn(repo, issue.number)[0]!.body).toContain("@dana");
  });

  it("updates the same comment when the issue is edited, and never applies a label a person removed", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT, author: "reporter" });
    const opened = await deliverAndProcess("issues", issuesPayload(repo, issue, "opened", installationId));
    expect(await jobs.outcome(opened)).toBe("triaged");
    const [comment] = github.commentsOn(repo, issue.number);
    const firstBody = comment!.body;

    // A maintainer disagrees with `bug` and takes it off; the reporter then adds that data is lost.
    repo.changeLabel(issue.number, "unlabeled", "bug", { login: "maintainer" });
    issue.body = `${BUG_REPORT.body}\n\nSince then we also had data loss in production.`;
    const edited = await deliverAndProcess("issues", issuesPayload(repo, issue, "edited", installationId));
    expect(await jobs.outcome(edited)).toBe("triaged");

    const comments = github.commentsOn(repo, issue.number);
    expect(comments.map((c) => c.id)).toEqual([comment!.id]);
    expect(comments[0]!.body).not.toBe(firstBody);
    expect(comments[0]!.body).toContain("data loss");
    expect(issue.labels).not.toContain("bug");
    const added = issue.events.filter((e) => e.event === "labeled" && (e.label as { name: string }).name === "bug");
    expect(added).toHaveLength(1);

    const { data } = await gql(TRIAGE_QUERY, { repository: repo.fullName, number: issue.number });
    expect(data!.issueTriage.trigger).toBe("edited");
    expect(data!.issueTriage.labels.removedByHuman).toEqual(["bug"]);
    expect(data!.issueTriage.labels.applied.map((l: any) => l.name)).not.toContain("bug");
    // The repository has no P0 label, and the App's `priority: high` stays: triage never removes a label.
    expect(data!.issueTriage.priority).toMatchObject({ level: "P0", label: null, applied: false, reasons: expect.arrayContaining(["data loss"]) });
    expect(issue.labels).toEqual(["priority: high"]);

    // A third pass changes nothing and does not resurrect the label.
    const again = await deliverAndProcess("issues", issuesPayload(repo, issue, "edited", installationId));
    expect(await jobs.outcome(again)).toBe("triaged");
    expect(issue.labels).toEqual(["priority: high"]);
    expect(github.commentsOn(repo, issue.number)).toHaveLength(1);
    expect(await eventsAbout(issue.nodeId, "github.issues.triaged")).toHaveLength(3);
  });

  it("follows the repository's switches: no labels and no comment when they are off, nothing at all when triage is off", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const quiet = givenTriageRepository(github, { ".github/chittyconnect.yml": "triage:\n  labels: false\n  priority: false\n  comment: false\n  colour: blue\n" });
    const issue = quiet.repo.addIssue({ ...BUG_REPORT });
    const first = await deliverAndProcess("issues", issuesPayload(quiet.repo, issue, "opened", quiet.installationId));
    expect(await jobs.outcome(first)).toBe("triaged");
    expect(issue.labels).toEqual([]);
    expect(github.commentsOn(quiet.repo, issue.number)).toEqual([]);
    const { data } = await gql(TRIAGE_QUERY, { repository: quiet.repo.fullName, number: issue.number });
    expect(data!.issueTriage).toMatchObject({ status: "TRIAGED", labels: null, priority: null, commentUrl: null });
    expect(data!.issueTriage.configProblems).toEqual([expect.stringContaining("unknown setting `colour`")]);

    const off = givenTriageRepository(github, { ".github/chittyconnect.yml": "triage:\n  enabled: false\n" });
    const untouched = off.repo.addIssue({ ...BUG_REPORT });
    const second = await deliverAndProcess("issues", issuesPayload(off.repo, untouched, "opened", off.installationId));
    expect(await jobs.outcome(second)).toBe("skipped");
    expect(untouched.labels).toEqual([]);
    expect(github.commentsOn(off.repo, untouched.number)).toEqual([]);
    expect(await triageRow(off.repo, untouched.number)).toMatchObject({ status: "skipped", reason: expect.stringContaining("triage.enabled is false") });
    expect(await eventsAbout(untouched.nodeId, "github.issues.triaged")).toEqual([]);
  });

  it("triages a reopened issue only when it was never labelled", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const labelled = repo.addIssue({ ...BUG_REPORT, labels: ["enhancement"] });
    const bare = repo.addIssue({ ...BUG_REPORT });
    const first = await deliverAndProcess("issues", issuesPayload(repo, labelled, "reopened", installationId));
    const second = await deliverAndProcess("issues", issuesPayload(repo, bare, "reopened", installationId));
    expect(await jobs.outcome(first)).toBe("skipped");
    expect(await jobs.outcome(second)).toBe("triaged");
    expect(await triageRow(repo, labelled.number)).toMatchObject({ status: "skipped", reason: expect.stringContaining("never labelled") });
    expect(labelled.labels).toEqual(["enhancement"]);
    expect(github.commentsOn(repo, labelled.number)).toEqual([]);
    expect(bare.labels).toContain("bug");
  });

  it("does each triage job once, however often its message arrives", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const payload = issuesPayload(repo, issue, "opened", installationId);
    const deliveryId = await deliverAndProcess("issues", payload);
    expect(await jobs.outcome(deliveryId)).toBe("triaged");
    // Two more copies of the job's message (at-least-once delivery) find the job done.
    const job = { kind: "issue.triage", jobId: deliveryId, repository: { nodeId: repo.nodeId, fullName: repo.fullName, installationId }, issue: { nodeId: issue.nodeId, number: issue.number }, reason: "opened" };
    const result = await consume("chittyconnect-triage", [job, job]);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(await eventsAbout(issue.nodeId, "github.issues.triaged")).toHaveLength(1);
    expect(github.commentsOn(repo, issue.number)).toHaveLength(1);
  });
});
