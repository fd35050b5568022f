import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { issueCommands, type IssueCommandRow } from "../../db/schema";
import type { CommandMessage } from "./triage-message";

const t = issueCommands;
type Outcome = IssueCommandRow["outcome"];

/** The command's row, if a job already took it up. */
export async function findCommand(db: Database, commentId: number): Promise<IssueCommandRow | null> {
  const [row] = await db.select().from(t).where(eq(t.commentId, commentId)).limit(1);
  return row ?? null;
}

/**
 * Records that a job takes up a command, unless a row exists: this comment's (a copy of the job, or its retry), or
 * for a refusal, an earlier refusal of the same author on the same issue (the partial UNIQUE index). Returns
 * whether this call created the row.
 */
export async function recordCommand(db: Database, message: CommandMessage, outcome: Outcome, now: number): Promise<boolean> {
  const inserted = await db
    .insert(t)
    .values({
      commentId: message.comment.id,
      repositoryNodeId: message.repository.nodeId,
      number: message.issue.number,
      login: message.comment.login.toLowerCase(),
      command: message.command,
      outcome,
      jobId: message.jobId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ commentId: t.commentId });
  return inserted.length > 0;
}

/** Marks a command's GitHub writes done, with the reply the App posted, if any. */
export async function markCommandHandled(db: Database, commentId: number, now: number, replyUrl?: string): Promise<void> {
  await db.update(t).set({ handledAt: now, ...(replyUrl ? { replyUrl } : {}) }).where(eq(t.commentId, commentId));
}

/** Remembers a reply as soon as it is posted, so that a retry of the job does not post it again. */
export async function recordReply(db: Database, commentId: number, replyUrl: string): Promise<void> {
  await db.update(t).set({ replyUrl }).where(eq(t.commentId, commentId));
}
