import { pullRequestNumber, repositoryName } from "../inputs/pull-request-input";
import { openPullRequestAnalysisStream, type PullRequestAnalysisUpdate } from "../resolvers/pull-request-analysis-stream";
import { builder } from "./builder";
import { PullRequestAnalysis } from "./pull-request-analysis";

const PullRequestAnalysisUpdateType = builder.objectRef<PullRequestAnalysisUpdate>("PullRequestAnalysisUpdate").implement({
  description: "A review of a pull request, sent when it is stored.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` (or send as Last-Event-ID) to resume; timeline cursors work too." }),
    analysis: t.field({ type: PullRequestAnalysis, resolve: (u) => u.analysis }),
  }),
});

builder.subscriptionField("pullRequestAnalysis", (t) =>
  t.field({
    type: PullRequestAnalysisUpdateType,
    description: "Each review of a pull request when it is ready, over SSE; authorized as Query.pullRequestAnalysis.",
    args: {
      repository: t.arg.string({ required: true, validate: { schema: repositoryName } }),
      number: t.arg.int({ required: true, validate: { schema: pullRequestNumber } }),
      after: t.arg.string({ required: false, validate: { maxLength: 200 } }),
    },
    subscribe: (_root, args, ctx) => openPullRequestAnalysisStream(ctx, { repository: args.repository.trim(), number: args.number, after: args.after }),
    resolve: (update) => update,
  }),
);
