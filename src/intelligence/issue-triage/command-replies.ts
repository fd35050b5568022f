import { addCommentReaction } from "../../github/add-comment-reaction";
import { createIssueComment, type IssueComment } from "../../github/issue-comments";
import type { RepositoryRef } from "../../github/repository-ref";
import { helpText, refusalText } from "../triage/commands";

/** Acknowledges a command on its comment: 👀 when it applies there, 😕 when it does not (triage on a pull request). */
export function acknowledgeCommand(env: Env, ref: RepositoryRef, commentId: number, applies: boolean): Promise<unknown> {
  return addCommentReaction(env, ref, commentId, applies ? "eyes" : "confused");
}

/** Answers `/chittyconnect help` (or an unknown command) with the list of commands. */
export function replyWithHelp(env: Env, ref: RepositoryRef, number: number): Promise<IssueComment> {
  return createIssueComment(env, ref, number, helpText());
}

/** Tells someone without write access, once, that they may not run commands. */
export function replyWithRefusal(env: Env, ref: RepositoryRef, number: number, login: string): Promise<IssueComment> {
  return createIssueComment(env, ref, number, refusalText(login));
}
