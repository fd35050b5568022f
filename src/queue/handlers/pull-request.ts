import { z } from "zod";
import { payloadFacts, pullRequestFacts } from "../../intelligence/pull-request-facts";
import { parsePayload, type DeliveryHandler } from "./handler";
import { installationAccess, type SkippedStep } from "./installation-access";
import { recordGitHubObject } from "./record-github-object";
import { requestReview } from "../reviews/request-review";
import { installationRef, ownerOf, repositoryShape, senderShape } from "./github-shapes";

/** The actions the pull_request handler records. */
export const PULL_REQUEST_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review", "closed"] as const;

/** The actions that ask for a review: new code to look at, or a draft made ready. */
export const REVIEW_ACTIONS: readonly (typeof PULL_REQUEST_ACTIONS)[number][] = ["opened", "synchronize", "reopened", "ready_for_review"];

const pullRequestPayload = z.object({
  action: z.enum(PULL_REQUEST_ACTIONS),
  number: z.number().int().positive(),
  pull_request: z.object({
    node_id: z.string().min(1),
    title: z.string(),
    state: z.enum(["open", "closed"]),
    merged: z.boolean().nullish(),
    draft: z.boolean().optional(),
    head: z.object({ sha: z.string(), ref: z.string() }),
    base: z.object({ ref: z.string() }),
    // null when the author's account was deleted.
    user: z.object({ login: z.string() }).nullish(),
  }),
  repository: repositoryShape,
  installation: installationRef,
  sender: senderShape,
});

/**
 * pull_request: mints or reuses the PR's ChittyID, reads its current details through GitHub's GraphQL API
 * (size, merge state) as the installation, evolves its DNA and writes `github.pull_request.{action}`
 * (`.merged` for a merging close). Without an installation to read as (a repository or organization
 * webhook, or one known to be uninstalled or suspended) the payload is recorded as sent and
 * `data.skipped` says why the read was left out. Opened, synchronize, reopened and ready_for_review also request
 * a review (REVIEW_Q, once the batch committed); the review runs as its own job, never on the delivery path.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
 */
export const handlePullRequest: DeliveryHandler = async (ctx, raw) => {
  const { action, number, pull_request: pr, repository, installation, sender } = parsePayload(pullRequestPayload, ctx, raw);
  const sent = { title: pr.title, merged: pr.merged, draft: pr.draft, author: pr.user?.login ?? null };
  const access = await installationAccess(ctx, installation);
  const skipped: SkippedStep[] = "unavailable" in access ? [{ step: "github.pull_request.read", reason: access.unavailable }] : [];
  const facts =
    "unavailable" in access
      ? payloadFacts(sent)
      : await pullRequestFacts(ctx.env, { installationId: access.installationId, deliveryId: ctx.deliveryId, owner: ownerOf(repository), name: repository.name, number }, sent);
  const outcome = action === "closed" && facts.merged ? "merged" : action;
  const review =
    REVIEW_ACTIONS.includes(action) && "installationId" in access
      ? requestReview(ctx, { repository: repository.full_name, number, nodeId: pr.node_id, installationId: access.installationId, headSha: pr.head.sha })
      : [];
  const recorded = await recordGitHubObject(ctx, {
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
      // null when GitHub was not asked (see skipped) or no longer has the PR (deleted repository).
      size: facts.size,
      ...(skipped.length ? { skipped } : {}),
    },
  });
  return [...recorded, ...review];
};
