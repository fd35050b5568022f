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
  sender: senderShape,
});

/** The state some actions imply, for payloads that leave `issue.state` out. */
const IMPLIED_STATE: Partial<Record<(typeof ISSUE_ACTIONS)[number], "open" | "closed">> = { opened: "open", reopened: "open", closed: "closed" };

/**
 * issues: mints or reuses the issue's ChittyID, evolves its DNA and writes `github.issues.{action}`.
 * Triage on opened and edited belongs to issue #6's intelligence pipeline and is not triggered yet.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
 */
export const handleIssues: DeliveryHandler = async (ctx, raw) => {
  const { action, issue, repository, label, changes, sender } = parsePayload(issuesPayload, ctx, raw);
  const labels = issue.labels.flatMap((l) => (l ? [l.name] : []));
  // null when neither the payload nor the action says (an edit or a label on a payload without state).
  const state = issue.state ?? IMPLIED_STATE[action] ?? null;
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
    },
  });
};
