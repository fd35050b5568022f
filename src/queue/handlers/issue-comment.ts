import { z } from "zod";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordEvent } from "../../ecosystem/record-change";
import { actingUser, authorshipOf, isThisDeploymentsApp, performingApp } from "../../github/authorship";
import { mayRunCommands, parseCommand } from "../../intelligence/triage/commands";
import { resolveEntities } from "../../resolvers/github-entities";
import { sendTriageJobs, type TriageMessage } from "../triage/triage-message";
import { parsePayload, type DeliveryHandler } from "./handler";
import { installationAccess, type SkippedStep } from "./installation-access";
import { installationRef, repositoryShape, senderShape } from "./github-shapes";
import { requestReviewFromCommand } from "./request-review-from-command";

/** The actions the issue_comment handler records: commands are read from new comments only, never from edits. */
export const ISSUE_COMMENT_ACTIONS = ["created"] as const;

const issueCommentPayload = z.object({
  action: z.enum(ISSUE_COMMENT_ACTIONS),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullish(),
    user: actingUser,
    // OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE…; absent in some older GHES payloads, which then run nothing.
    author_association: z.string().optional(),
    performed_via_github_app: performingApp,
  }),
  issue: z.object({
    node_id: z.string().min(1),
    number: z.number().int().positive(),
    // Present when the conversation is a pull request's.
    pull_request: z.object({}).nullish(),
  }),
  repository: repositoryShape,
  installation: installationRef,
  sender: senderShape,
});

/**
 * issue_comment: writes `github.issue_comment.created` on the issue's (or pull request's) ChittyID, and reads a
 * `/chittyconnect` command from the comment. Comments by this App or any bot are never read as commands. A command
 * is queued on TRIAGE_Q, where it is answered (acknowledged with a reaction, or refused once per issue and author);
 * `/chittyconnect review` from someone with write access on a pull request is also recorded here as a review request.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment
 */
export const handleIssueComment: DeliveryHandler = async (ctx, raw) => {
  const { comment, issue, repository, installation, sender } = parsePayload(issueCommentPayload, ctx, raw);
  const isPullRequest = issue.pull_request != null;
  const author = authorshipOf(comment.user, comment.performed_via_github_app);
  const bot = isThisDeploymentsApp(ctx.env)(author) || comment.user?.type === "Bot" || (author.login ?? "").endsWith("[bot]");
  const command = bot ? null : parseCommand(comment.body);
  const trusted = mayRunCommands(comment.author_association);
  const label = `${repository.full_name}#${issue.number}`;
  const entities = await resolveEntities(ctx.env, ctx.db, [{ githubKey: issue.node_id, kind: isPullRequest ? "pull_request" : "issue", label }], ctx.now);
  const subjectId = entities.idOf(issue.node_id);
  const jobs: TriageMessage[] = [];
  const skipped: SkippedStep[] = [];
  const writes = [...entities.statements];
  if (command) {
    const access = await installationAccess(ctx, installation);
    if ("unavailable" in access) skipped.push({ step: "github.issue_comment.command", reason: access.unavailable });
    else {
      const login = author.login ?? sender?.login ?? "ghost";
      jobs.push({
        kind: "issue.command",
        jobId: ctx.deliveryId,
        repository: { nodeId: repository.node_id, fullName: repository.full_name, installationId: access.installationId },
        issue: { nodeId: issue.node_id, number: issue.number, isPullRequest },
        comment: { id: comment.id, login },
        command: command.name,
        trusted,
      });
      if (command.name === "review" && trusted && isPullRequest) {
        writes.push(...requestReviewFromCommand(ctx, { repository: repository.full_name, number: issue.number, subjectId, requestedBy: login, commentId: comment.id }));
      }
    }
  }
  await sendTriageJobs(ctx.env, jobs);
  writes.push(
    ...recordEvent(ctx.db, {
      type: "github.issue_comment.created",
      subjectId,
      actorId: null,
      now: ctx.now,
      data: {
        deliveryId: ctx.deliveryId,
        repository: repository.full_name,
        number: issue.number,
        pullRequest: isPullRequest,
        commentId: comment.id,
        author: author.login,
        sender: sender?.login ?? null,
        command: command ? command.name : null,
        ...(command ? { trusted } : {}),
        ...(bot ? { ignored: "written by a bot or this App" } : {}),
        ...(skipped.length ? { skipped } : {}),
      },
    }, outboxTargets(ctx.env)),
  );
  return writes;
};
