import type { PullRequestRow } from "../db/schema";
import { analysisOf } from "../resolvers/pull-request-analysis";
import { listPullRequests } from "../resolvers/pull-request";
import { builder } from "./builder";
import { forwardPageArgs, toConnection } from "./connection";
import { Installation } from "./installation";
import { PullRequestAnalysis } from "./pull-request-analysis";

export const PullRequest = builder.objectRef<PullRequestRow>("PullRequest").implement({
  description: "A pull request the App was told about, and its review state.",
  fields: (t) => ({
    repository: t.exposeString("repository", { description: "`owner/name`, as GitHub last spelled it." }),
    number: t.exposeInt("number"),
    headSha: t.exposeString("headSha", { description: "The newest head an event named." }),
    reviewPending: t.boolean({ description: "A review is waiting or running.", resolve: (p) => p.reviewRequestedAt !== null || p.runningBy !== null }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Why the last review job gave up, if it did." }),
    updatedAt: t.field({ type: "DateTime", resolve: (p) => new Date(p.updatedAt) }),
    analysis: t.field({ type: PullRequestAnalysis, nullable: true, description: "Its newest review.", resolve: (p, _args, ctx) => analysisOf(ctx.db, p) }),
  }),
});

builder.objectField(Installation, "pullRequests", (t) =>
  t.connection({
    type: PullRequest,
    description: "Pull requests of the installation's repositories, most recently active first.",
    resolve: async (i, args, ctx) => toConnection(await listPullRequests(ctx, { installationId: i.id }, forwardPageArgs(args))),
  }),
);
