import type { Database } from "../../db/client";
import { repositoryConfigAt } from "../../intelligence/config/repository-config-at";
import { acknowledgeCommand, replyWithHelp, replyWithRefusal } from "../../intelligence/issue-triage/command-replies";
import { findCommand, markCommandHandled, recordCommand, recordReply } from "./command-store";
import { repositoryRefOf } from "./repository-ref-of";
import { requestFullReview } from "../reviews/request-review";
import { runIssueTriage } from "./run-issue-triage";
import type { CommandMessage } from "./triage-message";

export type CommandOutcome = "duplicate" | "ignored" | "refused" | "already-refused" | "accepted" | "not-applicable";

/**
 * Answers one `/chittyconnect` command, at most once per comment. With commands switched off in the default
 * branch's `.github/chittyconnect.yml` nothing is written to GitHub. Someone without write access gets one short
 * refusal per issue, however often they try. An accepted command is acknowledged with an 👀 reaction, then: help
 * (and an unknown command) answers with the command list; triage re-triages the issue; review asks REVIEW_Q for a
 * full review of the pull request's current head (requestFullReview), which runs once even if that head was
 * reviewed. Triage on a pull request or review on an issue gets 😕. A failure before the command is marked handled
 * retries the job, and each step is safe to repeat.
 */
export async function runCommand(env: Env, db: Database, message: CommandMessage, now = Date.now()): Promise<CommandOutcome> {
  const existing = await findCommand(db, message.comment.id);
  if (existing?.handledAt != null) return "duplicate";
  const ref = repositoryRefOf(message);
  // HEAD is the default branch, so no metadata read is needed to find the settings.
  const { config } = await repositoryConfigAt(env, ref, "HEAD");
  if (!config.commands.enabled) {
    if (await recordCommand(db, message, "ignored", now)) await markCommandHandled(db, message.comment.id, now);
    return "ignored";
  }
  const { number } = message.issue;
  if (!message.trusted) {
    const mine = (await recordCommand(db, message, "refused", now)) || (existing?.outcome === "refused" && existing.replyUrl === null);
    if (!mine) return "already-refused";
    const reply = await replyWithRefusal(env, ref, number, message.comment.login);
    await markCommandHandled(db, message.comment.id, now, reply.html_url);
    return "refused";
  }
  if (!existing) await recordCommand(db, message, "accepted", now);
  const applies =
    message.command === "help" || message.command === "unknown" || (message.command === "triage" ? !message.issue.isPullRequest : message.issue.isPullRequest);
  await acknowledgeCommand(env, ref, message.comment.id, applies);
  if (!applies) {
    await markCommandHandled(db, message.comment.id, now);
    return "not-applicable";
  }
  if ((message.command === "help" || message.command === "unknown") && !existing?.replyUrl) {
    const reply = await replyWithHelp(env, ref, number);
    await recordReply(db, message.comment.id, reply.html_url);
  }
  if (message.command === "triage") {
    await runIssueTriage(env, db, { kind: "issue.triage", jobId: message.jobId, repository: message.repository, issue: { nodeId: message.issue.nodeId, number }, reason: "command" }, now);
  }
  if (message.command === "review") {
    await requestFullReview(env, { installationId: message.repository.installationId, repository: message.repository.fullName, number, deliveryId: message.jobId });
  }
  await markCommandHandled(db, message.comment.id, now);
  return "accepted";
}
