import { z } from "zod";
import { parsePayload, type DeliveryHandler } from "./handler";
import { installationAccess, type SkippedStep } from "./installation-access";
import { recordGitHubObject } from "./record-github-object";
import { installationRef, repositoryShape, senderShape } from "./github-shapes";
import { contextJobFor } from "../triage/queue-jobs";
import { sendTriageJobs, type TriageMessage } from "../triage/triage-message";

/** The actions the issues handler records; GitHub sends more, which are acknowledged without writes. */
export const ISSUE_ACTIONS = ["opened", "edited", "closed", "reopened", "labeled"] as const;

const issuesPayload = z.object({
  action: z.enum(ISSUE_ACTIONS),
  issue: z.object({
    node_id: z.string().min(1),
    number: z.number().int().positive(),
    title: z.string(),
    // Optional in GitHub's schema for most actions; the action itself tells it for some (IMPLIED_STATE).
    state: z.enum(["open", "closed"]).optional(),
    // reopened payloads may hold null entries.
    labels: z.array(z.object({ name: z.string() }).nullable()).default([]),
    // null when the author's account was deleted.
    user: z.object({ login: z.string() }).nullish(),
  }),
  label: z.object({ name: z.string() }).optional(),
  changes: z.record(z.string(), z.unknown()).optional(),
  repository: repositoryShape,
  installation: installationRef,
  sender: senderShape,
});
type IssuesPayload = z.infer<typeof issuesPayload>;

/** The state some actions imply, for payloads that leave `issue.state` out. */
const IMPLIED_STATE: Partial<Record<(typeof ISSUE_ACTIONS)[number], "open" | "closed">> = { opened: "open", reopened: "open", closed: "closed" };

/** Whether the action asks for triage: a new or reopened issue, or an edit of its title or body (not of a label). */
function triageReason({ action, changes }: IssuesPayload): "opened" | "edited" | "reopened" | null {
  if (action === "opened" || action === "reopened") return action;
  if (action === "edited" && changes && ("title" in changes || "body" in changes)) return "edited";
  return null;
}

/**
 * issues: mints or reuses the issue's ChittyID, evolves its DNA and writes `github.issues.{action}`. Opened, edited
 * (title or body) and reopened issues are queued for triage on TRIAGE_Q, and a repository without a context gets
 * one queued; without an installation to call GitHub as, `data.skipped` says why triage was left out.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
 */
export const handleIssues: DeliveryHandler = async (ctx, raw) => {
  const payload = parsePayload(issuesPayload, ctx, raw);
  const { action, issue, repository, label, changes, sender } = payload;
  const labels = issue.labels.flatMap((l) => (l ? [l.name] : []));
  // null when neither the payload nor the action says (an edit or a label on a payload without state).
  const state = issue.state ?? IMPLIED_STATE[action] ?? null;
  const reason = triageReason(payload);
  const jobs: TriageMessage[] = [];
  const skipped: SkippedStep[] = [];
  if (reason) {
    const access = await installationAccess(ctx, payload.installation);
    if ("unavailable" in access) skipped.push({ step: "github.issues.triage", reason: access.unavailable });
    else {
      const target = { nodeId: repository.node_id, fullName: repository.full_name, installationId: access.installationId };
      jobs.push({ kind: "issue.triage", jobId: ctx.deliveryId, repository: target, issue: { nodeId: issue.node_id, number: issue.number }, reason });
      jobs.push(...(await contextJobFor(ctx.db, target, `${ctx.deliveryId}:context`, { now: ctx.now })));
    }
  }
  await sendTriageJobs(ctx.env, jobs);
  return recordGitHubObject(ctx, {
    nodeId: issue.node_id,
    kind: "issue",
    label: `${repository.full_name}#${issue.number}`,
    subjectType: "github_issue",
    state: { repository: repository.full_name, number: issue.number, title: issue.title, state, labels },
    change: action,
    data: {
      repository: repository.full_name,
      number: issue.number,
      title: issue.title,
      state,
      labels,
      author: issue.user?.login ?? null,
      sender: sender?.login ?? null,
      ...(label ? { label: label.name } : {}),
      ...(changes ? { changed: Object.keys(changes) } : {}),
      ...(jobs.length ? { queued: jobs.map((j) => j.kind) } : {}),
      ...(skipped.length ? { skipped } : {}),
    },
  });
};
