import { z } from "zod";
import { chronicleEvents } from "../../db/schema";
import { chronicleRow } from "../../ecosystem/chronicle";
import { insertChunks } from "../../db/batch";
import { commitKey, resolveEntities } from "../../resolvers/github-entities";
import { outboxRows } from "../../ecosystem/outbox/outbox-rows";
import { outboxTargets } from "../../ecosystem/outbox/outbox-targets";
import { recordChange } from "../../ecosystem/record-change";
import { parsePayload, type DeliveryHandler } from "./handler";
import { installationRef, repositoryShape, senderShape } from "./github-shapes";
import { installationAccess } from "./installation-access";
import { sendReviewMessage } from "../reviews/review-message";
import { contextJobFor } from "../triage/queue-jobs";
import { sendTriageJobs } from "../triage/triage-message";

const commit = z.object({
  id: z.string().regex(/^[0-9a-f]{7,64}$/),
  message: z.string(),
  timestamp: z.string(),
  // GitHub sends `email: null` for an author who hides it, and no username for one without an account.
  author: z.object({ name: z.string(), email: z.string().nullish(), username: z.string().optional() }),
  added: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
});

const pushPayload = z.object({
  ref: z.string().min(1),
  before: z.string(),
  after: z.string(),
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  // default_branch tells a push to the default branch: it is analysed, and it refreshes the repository's context.
  repository: repositoryShape.extend({ default_branch: z.string().optional() }),
  installation: installationRef,
  sender: senderShape,
  commits: z.array(commit),
});

const SHA = /^[0-9a-f]{40}$/;

/**
 * push: a ChittyID and a `github.push.commit` Chronicle event per commit (author, message, changed paths),
 * a `github.push` event and a DNA evolution for the repository. A push to the default branch (not a creation or
 * deletion) also asks REVIEW_Q, once the batch committed, to analyse `before...after` and publish a check run on
 * its head commit, and queues a refresh of the repository's context on TRIAGE_Q (the job keeps it to one per 10
 * minutes); another push queues the first context of a repository that has none. Evidence ingestion waits for its
 * pipeline.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#push
 */
export const handlePush: DeliveryHandler = async (ctx, raw) => {
  const push = parsePayload(pushPayload, ctx, raw);
  const repo = push.repository;
  const entities = await resolveEntities(
    ctx.env,
    ctx.db,
    [
      { githubKey: repo.node_id, kind: "repository", label: repo.full_name },
      ...push.commits.map((c) => ({ githubKey: commitKey(repo.node_id, c.id), kind: "commit" as const, label: `${repo.full_name}@${c.id}` })),
    ],
    ctx.now,
  );
  const repoId = entities.idOf(repo.node_id);
  const base = { deliveryId: ctx.deliveryId, repository: repo.full_name, ref: push.ref };
  const events = push.commits.map((c) =>
    chronicleRow({
      type: "github.push.commit",
      subjectId: entities.idOf(commitKey(repo.node_id, c.id)),
      actorId: null,
      now: ctx.now,
      data: { ...base, sha: c.id, author: c.author, message: c.message, committedAt: c.timestamp, paths: { added: c.added, modified: c.modified, removed: c.removed } },
    }),
  );
  const targets = outboxTargets(ctx.env);
  // The repository's DNA follows its refs: each push moves one ref to a new head.
  const repositoryChange = await recordChange(ctx.db, {
    subjectId: repoId,
    subjectType: "github_repository",
    state: { repository: repo.full_name, ref: push.ref, head: push.after, deleted: push.deleted ?? false },
    event: "push",
    type: "github.push",
    data: { ...base, before: push.before, after: push.after, commits: push.commits.length, forced: push.forced ?? false, pusher: push.sender?.login ?? null },
    actorId: null,
    now: ctx.now,
  }, targets);
  const access = await installationAccess(ctx, push.installation);
  if ("installationId" in access) {
    if (push.repository.default_branch && push.ref === `refs/heads/${push.repository.default_branch}` && !push.deleted && SHA.test(push.before) && SHA.test(push.after) && !/^0+$/.test(push.before)) {
      const message = { kind: "push.analysis" as const, deliveryId: ctx.deliveryId, installationId: access.installationId, repository: repo.full_name, repositoryNodeId: repo.node_id, ref: push.ref, before: push.before, after: push.after };
      ctx.afterCommit({ name: "push.analysis", run: () => sendReviewMessage(ctx.env, message) });
    }
    const target = { nodeId: repo.node_id, fullName: repo.full_name, installationId: access.installationId };
    const pushToDefaultBranch = !push.deleted && repo.default_branch !== undefined && push.ref === `refs/heads/${repo.default_branch}`;
    await sendTriageJobs(ctx.env, await contextJobFor(ctx.db, target, `${ctx.deliveryId}:context`, { pushToDefaultBranch, now: ctx.now }));
  }
  // Commit events go in multi-row inserts: a push may carry hundreds of commits, and a batch has a statement cap.
  return [
    ...entities.statements,
    ...insertChunks(ctx.db, chronicleEvents, events, 15),
    ...(targets.chronicle ? outboxRows(ctx.db, "chronicle", events.map((e) => e.id), ctx.now) : []),
    ...repositoryChange,
  ];
};
