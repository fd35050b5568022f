import { z } from "zod";
import { parsePayload, type DeliveryHandler } from "./handler";
import { recordGitHubObject } from "./record-github-object";
import { repositoryShape, senderShape } from "./github-shapes";

/** The actions the issues handler records; GitHub sends more, which are acknowledged without writes. */
export const ISSUE_ACTIONS = ["opened", "edited", "closed", "reopened", "labeled"] as const;

const issuesPayload = z.object({
  action: z.enum(ISSUE_ACTIONS),
  issue: z.object({
    node_id: z.string().min(1),
    number: z.number().int().positive(),
    title: z.string(),
    state: z.enum(["open", "closed"]),
    labels: z.array(z.object({ name: z.string() })).default([]),
    user: z.object({ login: z.string() }).nullable(),
  }),
  label: z.object({ name: z.string() }).optional(),
  changes: z.record(z.string(), z.unknown()).optional(),
  repository: repositoryShape,
  sender: senderShape,
});

/**
 * issues: mints or reuses the issue's ChittyID, evolves its DNA and writes `github.issues.{action}`.
 * Triage on opened and edited belongs to issue #6's intelligence pipeline and is not triggered yet.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
 */
export const handleIssues: DeliveryHandler = async (ctx, raw) => {
  const { action, issue, repository, label, changes, sender } = parsePayload(issuesPayload, ctx, raw);
  const labels = issue.labels.map((l) => l.name);
  return recordGitHubObject(ctx, {
    nodeId: issue.node_id,
    kind: "issue",
    label: `${repository.full_name}#${issue.number}`,
    subjectType: "github_issue",
    state: { repository: repository.full_name, number: issue.number, title: issue.title, state: issue.state, labels },
    change: action,
    data: {
      repository: repository.full_name,
      number: issue.number,
      title: issue.title,
      state: issue.state,
      labels,
      author: issue.user?.login ?? null,
      sender: sender?.login ?? null,
      ...(label ? { label: label.name } : {}),
      ...(changes ? { changed: Object.keys(changes) } : {}),
    },
  });
};
