import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { issueTriages, type IssueTriageRow } from "../../db/schema";
import type { StoredTriage } from "../../intelligence/issue-triage/stored-triage";
import type { IssueTriageMessage } from "./triage-message";

const t = issueTriages;
/** Longer than a triage takes (its GitHub calls are bounded); a crashed job's issue is free again after it. */
export const TRIAGE_LEASE_MS = 5 * 60_000;
const MAX_REASON_LENGTH = 1000;

export type TriageClaim = { outcome: "claimed"; row: IssueTriageRow } | { outcome: "done" } | { outcome: "busy"; leaseUntil: number };

const where = (message: Pick<IssueTriageMessage, "repository" | "issue">) =>
  and(eq(t.repositoryNodeId, message.repository.nodeId), eq(t.number, message.issue.number));

/**
 * Takes the issue for one job, in one upsert: creates its row, or takes the lease of an existing one whose lease has
 * ended. A job that already finished here (a copy of its message) is `done`; a live lease is `busy`, even one held
 * by another copy of the same job, since two copies at once could both create the comment. The lease serialises
 * triages per issue, which is what keeps the sticky comment single; a job that fails gives it back at once.
 */
export async function claimIssueTriage(db: Database, message: Pick<IssueTriageMessage, "jobId" | "repository" | "issue">, now: number): Promise<TriageClaim> {
  const { jobId, repository, issue } = message;
  const identity = { repository: repository.fullName, repositoryKey: repository.fullName.toLowerCase(), installationId: repository.installationId, issueNodeId: issue.nodeId };
  const [claimed] = await db
    .insert(t)
    .values({ repositoryNodeId: repository.nodeId, number: issue.number, ...identity, status: "pending", appliedLabels: [], leaseJob: jobId, leaseUntil: now + TRIAGE_LEASE_MS, updatedAt: now })
    .onConflictDoUpdate({
      target: [t.repositoryNodeId, t.number],
      set: { ...identity, leaseJob: jobId, leaseUntil: now + TRIAGE_LEASE_MS, updatedAt: now },
      setWhere: sql`(${t.leaseUntil} IS NULL OR ${t.leaseUntil} <= ${now}) AND (${t.lastJob} IS NULL OR ${t.lastJob} <> ${jobId})`,
    })
    .returning();
  if (claimed) return { outcome: "claimed", row: claimed };
  const [current] = await db.select({ lastJob: t.lastJob, leaseUntil: t.leaseUntil }).from(t).where(where(message)).limit(1);
  return current?.lastJob === jobId ? { outcome: "done" } : { outcome: "busy", leaseUntil: current?.leaseUntil ?? now };
}

/** The writes that record a finished triage and give the lease back, for the job's D1 batch. */
export function triagedWrites(
  db: Database,
  message: IssueTriageMessage,
  done: { issueId: string; result: StoredTriage; appliedLabels: string[]; comment: { id: number; html_url: string } | null; now: number },
): BatchItem {
  return db
    .update(t)
    .set({
      issueId: done.issueId,
      status: "triaged",
      reason: null,
      result: done.result,
      appliedLabels: done.appliedLabels,
      ...(done.comment ? { commentId: done.comment.id, commentUrl: done.comment.html_url } : {}),
      triagedAt: done.now,
      lastJob: message.jobId,
      leaseJob: null,
      leaseUntil: null,
      updatedAt: done.now,
    })
    .where(and(where(message), eq(t.leaseJob, message.jobId)));
}

/**
 * Ends a job that did not triage: switched off or not applicable (`skipped`), failed for good (`failed`), or with
 * nothing to do for an issue triaged before (`unchanged`: its status stays). An earlier triage's result stays, so
 * `issueTriage` keeps answering with it and says what happened since.
 */
export async function finishWithout(
  db: Database,
  message: Pick<IssueTriageMessage, "jobId" | "repository" | "issue">,
  status: "skipped" | "failed" | "unchanged",
  reason: string,
  now: number,
): Promise<void> {
  await db
    .update(t)
    .set({ ...(status === "unchanged" ? {} : { status }), reason: reason.slice(0, MAX_REASON_LENGTH), lastJob: message.jobId, leaseJob: null, leaseUntil: null, updatedAt: now })
    .where(and(where(message), eq(t.leaseJob, message.jobId)));
}

/** Gives the lease back after a failure that a later attempt of the same job may overcome. */
export async function releaseIssueTriage(db: Database, message: Pick<IssueTriageMessage, "jobId" | "repository" | "issue">, error: string, now: number): Promise<void> {
  await db
    .update(t)
    .set({ reason: error.slice(0, MAX_REASON_LENGTH), leaseJob: null, leaseUntil: null, updatedAt: now })
    .where(and(where(message), eq(t.leaseJob, message.jobId)));
}
