import type { Database } from "../../db/client";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordChange } from "../../ecosystem/record-change";
import { AppError } from "../../errors";
import { planTriage } from "../../intelligence/issue-triage/plan-triage";
import { publishTriage } from "../../intelligence/issue-triage/publish-triage";
import { readTriageFacts } from "../../intelligence/issue-triage/read-triage-facts";
import type { StoredTriage } from "../../intelligence/issue-triage/stored-triage";
import { resolveEntities } from "../../resolvers/github-entities";
import { commitJob } from "./commit-job";
import { claimIssueTriage, finishWithout, TRIAGE_LEASE_MS, triagedWrites } from "./issue-triage-store";
import { repositoryRefOf } from "./repository-ref-of";
import type { IssueTriageMessage } from "./triage-message";

/** Another job holds the issue; this one is retried once that job is likely done. */
export class IssueBusyError extends AppError {
  constructor(readonly delaySeconds: number) {
    super(409, "TRIAGE_BUSY", "Another triage job is working on this issue; this one is retried shortly");
  }

  override get retryable(): boolean {
    return true;
  }
}

/**
 * How long a job waits for another job's triage of the same issue: a triage takes seconds, and a job that failed
 * gave the lease back, so 30 s is enough unless the holder's isolate died, when the wait runs to the lease's end.
 */
const BUSY_RETRY_SECONDS = 30;
const busyDelaySeconds = (leaseUntil: number, now: number) => Math.max(BUSY_RETRY_SECONDS, Math.min(TRIAGE_LEASE_MS / 1000, Math.ceil((leaseUntil - now) / 1000) + 1));

export type TriageOutcome = "triaged" | "duplicate" | "skipped" | "unchanged";

/**
 * Triages one issue: takes its lease, reads what triage needs from GitHub, decides (planTriage), adds labels and
 * writes the sticky comment, then stores the result with the issue's DNA evolution and a `github.issues.triaged`
 * Chronicle event in one D1 batch. A reopened issue is triaged only if it has no labels and triage never added one.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
 */
export async function runIssueTriage(env: Env, db: Database, message: IssueTriageMessage, now = Date.now()): Promise<TriageOutcome> {
  const claim = await claimIssueTriage(db, message, now);
  if (claim.outcome === "done") return "duplicate";
  if (claim.outcome === "busy") throw new IssueBusyError(busyDelaySeconds(claim.leaseUntil, now));
  const { row } = claim;
  const ref = repositoryRefOf(message);
  const reading = await readTriageFacts(env, ref, message.issue.number);
  const untouched = row.triagedAt === null ? "skipped" : "unchanged";
  if (reading.kind === "skipped") {
    await finishWithout(db, message, untouched, reading.reason, now);
    return "skipped";
  }
  if (message.reason === "reopened" && (reading.facts.issue.labels.length > 0 || row.appliedLabels.length > 0)) {
    await finishWithout(db, message, untouched, "a reopened issue is triaged only when it was never labelled", now);
    return untouched;
  }
  const plan = planTriage({ ...reading.facts, appliedBefore: row.appliedLabels }, reading.config.triage, message.reason);
  const published = await publishTriage(env, ref, message.issue.number, plan);
  const nowLabelled = new Set((published.labels ?? []).map((l) => l.toLowerCase()));
  const added = plan.labelsToAdd.filter((l) => nowLabelled.has(l.toLowerCase()));
  const appliedLabels = [...new Map([...row.appliedLabels, ...added].map((l) => [l.toLowerCase(), l])).values()];
  const result: StoredTriage = { ...plan.stored, added, configProblems: reading.configProblems };
  const labels = published.labels ?? reading.facts.issue.labels;
  const { repository, issue } = message;
  await commitJob(db, async () => {
    const entities = await resolveEntities(env, db, [{ githubKey: issue.nodeId, kind: "issue", label: `${repository.fullName}#${issue.number}` }], now);
    const issueId = entities.idOf(issue.nodeId);
    return [
      ...entities.statements,
      ...(await recordChange(db, {
        subjectId: issueId,
        subjectType: "github_issue",
        state: { repository: repository.fullName, number: issue.number, labels, triage: { applied: appliedLabels, priority: result.priority?.level ?? null } },
        event: "triaged",
        type: "github.issues.triaged",
        // No deliveryId: this event belongs to the job, and the delivery has its own `github.issues.{action}` event.
        data: {
          jobId: message.jobId,
          repository: repository.fullName,
          number: issue.number,
          reason: message.reason,
          added,
          applied: (result.labels?.applied ?? []).map((d) => d.label),
          suggested: (result.labels?.suggested ?? []).map((d) => d.label),
          priority: result.priority?.level ?? null,
          related: (result.related ?? []).map((r) => r.number),
          commentUrl: published.comment?.html_url ?? row.commentUrl,
        },
        actorId: null,
        now,
      }, outboxTargets(env))),
      triagedWrites(db, message, { issueId, result, appliedLabels, comment: published.comment, now }),
    ];
  });
  return "triaged";
}
