import { repositoryName, pullRequestNumber } from "../inputs/pull-request-input";
import { getRepository, listPullRequests, repositoryPullRequest, type RepositoryView } from "../resolvers/pull-request";
import { builder } from "./builder";
import { forwardPageArgs, toConnection } from "./connection";
import { PullRequest } from "./pull-request";

/** A repository the App works for; issue 12 adds its context, issues, timeline and triage settings here. */
export const Repository = builder.objectRef<RepositoryView>("Repository").implement({
  description: "A GitHub repository an installation reaches.",
  fields: (t) => ({
    fullName: t.exposeString("fullName", { description: "`owner/name`." }),
    installationId: t.id({ description: "The installation the App reaches it through.", resolve: (r) => String(r.installationId) }),
    pullRequests: t.connection({
      type: PullRequest,
      description: "Its pull requests the App was told about, most recently active first.",
      resolve: async (r, args, ctx) => toConnection(await listPullRequests(ctx, { repository: r }, forwardPageArgs(args))),
    }),
    pullRequest: t.field({
      type: PullRequest,
      nullable: true,
      args: { number: t.arg.int({ required: true, validate: { schema: pullRequestNumber } }) },
      description: "One pull request by number; null when the App was never told of it.",
      resolve: (r, args, ctx) => repositoryPullRequest(ctx, r, args.number),
    }),
  }),
});

builder.queryField("repository", (t) =>
  t.field({
    type: Repository,
    description: "A repository by `owner/name`. Needs connections:read and its installation granted to you, or github:admin.",
    args: { fullName: t.arg.string({ required: true, validate: { schema: repositoryName } }) },
    resolve: (_root, args, ctx) => getRepository(ctx, args.fullName.trim()),
  }),
);
