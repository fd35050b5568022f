import { z } from "zod";
import { pullRequestFacts } from "../../intelligence/pull-request-facts";
import { parsePayload, type DeliveryHandler } from "./handler";
import { recordGitHubObject } from "./record-github-object";
import { installationRef, repositoryShape, senderShape } from "./github-shapes";

/** The actions the pull_request handler records. */
export const PULL_REQUEST_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review", "closed"] as const;

const pullRequestPayload = z.object({
  action: z.enum(PULL_REQUEST_ACTIONS),
  number: z.number().int().positive(),
  pull_request: z.object({
    node_id: z.string().min(1),
    title: z.string(),
    state: z.enum(["open", "closed"]),
    merged: z.boolean().nullable().optional(),
    draft: z.boolean().optional(),
    head: z.object({ sha: z.string(), ref: z.string() }),
    base: z.object({ ref: z.string() }),
    user: z.object({ login: z.string() }).nullable(),
  }),
  repository: repositoryShape,
  installation: installationRef,
  sender: senderShape,
});

/**
 * pull_request: mints or reuses the PR's ChittyID, reads its current details through GitHub's GraphQL API
 * (size, merge state) as the installation, evolves its DNA and writes `github.pull_request.{action}`
 * (`.merged` for a merging close). The review pipeline is issue #6's and is not triggered yet.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
 */
export const handlePullRequest: DeliveryHandler = async (ctx, raw) => {
  const { action, number, pull_request: pr, repository, installation, sender } = parsePayload(pullRequestPayload, ctx, raw);
  const facts = await pullRequestFacts(
    ctx.env,
    { installationId: installation.id, deliveryId: ctx.deliveryId, owner: repository.owner.login, name: repository.name, number },
    { title: pr.title, merged: pr.merged, draft: pr.draft, author: pr.user?.login ?? null },
  );
  const outcome = action === "closed" && facts.merged ? "merged" : action;
  return recordGitHubObject(ctx, {
    nodeId: pr.node_id,
    kind: "pull_request",
    label: `${repository.full_name}#${number}`,
    subjectType: "github_pull_request",
    state: { repository: repository.full_name, number, head: pr.head.sha, state: pr.state, merged: facts.merged, draft: facts.draft },
    change: outcome,
    data: {
      repository: repository.full_name,
      number,
      title: facts.title,
      head: { sha: pr.head.sha, ref: pr.head.ref },
      base: pr.base.ref,
      author: facts.author,
      sender: sender?.login ?? null,
      // null when GitHub no longer has the PR (deleted repository): the event still records what the payload said.
      size: facts.size,
    },
  });
};
