import { eq } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { issueCommands } from "../../../src/db/schema";
import { helpText, refusalText } from "../../../src/intelligence/triage/commands";
import { REVIEW_COMMENT_MARKER } from "../../../src/intelligence/review/review-marker";
import { TRIAGE_COMMENT_MARKER } from "../../../src/intelligence/triage/triage-comment";
import { FAKE_APP, FakeGitHub } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { BUG_REPORT, deliverAndProcess, eventsAbout, givenComment, givenTriageRepository, issuesPayload, watchJobs } from "../../fixtures/github/triage";
import { consume } from "../../fixtures/queue/consume";

// The App's replies to commands: not its sticky triage comment, nor the review comment a review command leads to.
const appReplies = (comments: { app: unknown; body: string }[]) =>
  comments.filter((c) => c.app !== null && !c.body.startsWith(TRIAGE_COMMENT_MARKER) && !c.body.startsWith(REVIEW_COMMENT_MARKER));
const reactionsOf = (comment: { reactions: { content: string; login: string }[] }) => comment.reactions.map((r) => `${r.login}:${r.content}`);

describe("/chittyconnect commands in issue comments", () => {
  it("re-triages once for a collaborator and acknowledges the command with a reaction", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const opened = await deliverAndProcess("issues", issuesPayload(repo, issue, "opened", installationId));
    expect(await jobs.outcome(opened)).toBe("triaged");

    const { comment, payload } = givenComment(github, repo, issue, "Thanks!\n/chittyconnect triage", { login: "maintainer", association: "COLLABORATOR" }, installationId);
    const deliveryId = await deliverAndProcess("issue_comment", payload);
    expect(await jobs.outcome(deliveryId)).toBe("accepted");

    expect(reactionsOf(comment)).toEqual([`${FAKE_APP.botLogin}:eyes`]);
    const triaged = await eventsAbout(issue.nodeId, "github.issues.triaged");
    expect(triaged.map((e) => e.data.reason)).toEqual(["opened", "command"]);
    expect(github.commentsOn(repo, issue.number).filter((c) => c.body.startsWith(TRIAGE_COMMENT_MARKER))).toHaveLength(1);
    const [recorded] = await eventsAbout(issue.nodeId, "github.issue_comment.created");
    expect(recorded!.data).toMatchObject({ deliveryId, command: "triage", trusted: true, commentId: comment.id });

    // A second copy of the command's job (at-least-once delivery) neither reacts again nor triages again.
    const job = { kind: "issue.command", jobId: deliveryId, repository: { nodeId: repo.nodeId, fullName: repo.fullName, installationId }, issue: { nodeId: issue.nodeId, number: issue.number, isPullRequest: false }, comment: { id: comment.id, login: "maintainer" }, command: "triage", trusted: true };
    await consume("chittyconnect-triage", [job]);
    expect(await eventsAbout(issue.nodeId, "github.issues.triaged")).toHaveLength(2);
    expect(comment.reactions).toHaveLength(1);
  });

  it("refuses an outsider once per issue, however often they try, and runs nothing", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const first = givenComment(github, repo, issue, "/chittyconnect triage", { login: "passerby", association: "NONE" }, installationId);
    const firstDelivery = await deliverAndProcess("issue_comment", first.payload);
    expect(await jobs.outcome(firstDelivery)).toBe("refused");
    const second = givenComment(github, repo, issue, "/chittyconnect help please", { login: "passerby", association: "CONTRIBUTOR" }, installationId);
    const secondDelivery = await deliverAndProcess("issue_comment", second.payload);
    expect(await jobs.outcome(secondDelivery)).toBe("already-refused");

    const replies = appReplies(github.commentsOn(repo, issue.number));
    expect(replies.map((c) => c.body)).toEqual([refusalText("passerby")]);
    expect(first.comment.reactions).toEqual([]);
    expect(second.comment.reactions).toEqual([]);
    expect(await eventsAbout(issue.nodeId, "github.issues.triaged")).toEqual([]);
    expect(issue.labels).toEqual([]);
    const rows = await db.select().from(issueCommands).where(eq(issueCommands.repositoryNodeId, repo.nodeId));
    expect(rows).toEqual([expect.objectContaining({ commentId: first.comment.id, outcome: "refused", login: "passerby", handledAt: expect.any(Number) })]);

    // Another outsider on the same issue is told too: the refusal is once per author, not per issue.
    const other = givenComment(github, repo, issue, "/chittyconnect triage", { login: "someone-else", association: "NONE" }, installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", other.payload))).toBe("refused");
    expect(appReplies(github.commentsOn(repo, issue.number))).toHaveLength(2);
  });

  it("answers help with the command list, and a pull request's review command from a collaborator with one review request", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ title: "How do I configure retries?" });
    const help = givenComment(github, repo, issue, "> quoting an old `/chittyconnect triage`\n/chittyconnect help", { login: "owner", association: "OWNER" }, installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", help.payload))).toBe("accepted");
    expect(appReplies(github.commentsOn(repo, issue.number)).map((c) => c.body)).toEqual([helpText()]);
    expect(reactionsOf(help.comment)).toEqual([`${FAKE_APP.botLogin}:eyes`]);
    expect(await eventsAbout(issue.nodeId, "github.issues.triaged")).toEqual([]);

    const base = repo.resolve("main")!;
    const head = repo.commit({ branch: "feature", parents: [base], files: { "src/a.ts": "export const a = 1;\n" } });
    const pull = repo.addPullRequest({ head, base: "main", title: "Add a" });
    const review = givenComment(github, repo, pull, "/chittyconnect review", { login: "member", association: "MEMBER" }, installationId);
    const reviewDelivery = await deliverAndProcess("issue_comment", review.payload);
    expect(await jobs.outcome(reviewDelivery)).toBe("accepted");
    const requested = await eventsAbout(pull.nodeId, "github.pull_request.review_requested");
    expect(requested.map((e) => e.data)).toEqual([
      { deliveryId: reviewDelivery, repository: repo.fullName, number: pull.number, requestedBy: "member", commentId: review.comment.id, via: "command" },
    ]);
    expect(reactionsOf(review.comment)).toEqual([`${FAKE_APP.botLogin}:eyes`]);

    const outsider = givenComment(github, repo, pull, "/chittyconnect review", { login: "drive-by", association: "NONE" }, installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", outsider.payload))).toBe("refused");
    expect(await eventsAbout(pull.nodeId, "github.pull_request.review_requested")).toHaveLength(1);
    expect(appReplies(github.commentsOn(repo, pull.number)).map((c) => c.body)).toEqual([refusalText("drive-by")]);

    // Triage is for issues: on a pull request the command is acknowledged as not applicable.
    const misplaced = givenComment(github, repo, pull, "/chittyconnect triage", { login: "member", association: "MEMBER" }, installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", misplaced.payload))).toBe("not-applicable");
    expect(reactionsOf(misplaced.comment)).toEqual([`${FAKE_APP.botLogin}:confused`]);
  });

  it("ignores the App's own comments and other bots, and every command where commands are switched off", async () => {
    const jobs = watchJobs();
    const github = new FakeGitHub().install();
    const sent = vi.spyOn((env as Env).TRIAGE_Q, "sendBatch");
    const { installationId, repo } = givenTriageRepository(github);
    const issue = repo.addIssue({ ...BUG_REPORT });
    const own = givenComment(github, repo, issue, "/chittyconnect triage", { login: FAKE_APP.botLogin, association: "NONE", app: true }, installationId);
    const ownDelivery = await deliverAndProcess("issue_comment", own.payload);
    const bot = givenComment(github, repo, issue, "/chittyconnect help", { login: "dependabot[bot]", association: "NONE" }, installationId);
    const botDelivery = await deliverAndProcess("issue_comment", bot.payload);
    const recorded = await eventsAbout(issue.nodeId, "github.issue_comment.created");
    expect(recorded.map((e) => [e.data.deliveryId, e.data.command, e.data.ignored])).toEqual([
      [ownDelivery, null, "written by a bot or this App"],
      [botDelivery, null, "written by a bot or this App"],
    ]);
    const commandJobs = sent.mock.calls.flatMap(([messages]) => [...messages]).filter((m) => (m.body as { kind: string }).kind === "issue.command");
    expect(commandJobs).toEqual([]);
    expect(github.commentsOn(repo, issue.number)).toHaveLength(2);

    const off = givenTriageRepository(github, { ".github/chittyconnect.yml": "commands:\n  enabled: false\n" });
    const offIssue = off.repo.addIssue({ title: "Question about setup" });
    const ignored = givenComment(github, off.repo, offIssue, "/chittyconnect help", { login: "owner", association: "OWNER" }, off.installationId);
    expect(await jobs.outcome(await deliverAndProcess("issue_comment", ignored.payload))).toBe("ignored");
    expect(ignored.comment.reactions).toEqual([]);
    expect(github.commentsOn(off.repo, offIssue.number)).toHaveLength(1);
    // The spy does see command jobs: the only one sent is the switched-off repository's.
    const allCommandJobs = sent.mock.calls.flatMap(([messages]) => [...messages]).map((m) => m.body as { kind: string; comment?: { id: number } }).filter((b) => b.kind === "issue.command");
    expect(allCommandJobs.map((b) => b.comment?.id)).toEqual([ignored.comment.id]);
  });
});
