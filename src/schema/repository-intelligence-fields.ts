import { pullRequestNumber } from "../inputs/pull-request-input";
import { loadIssueTriage } from "../resolvers/issue-triage";
import { loadRepositoryContext, triageSettingsFor } from "../resolvers/repository-context";
import { listRepositoryIssues, repositoryTimeline } from "../resolvers/repository-intelligence";
import { builder } from "./builder";
import { ChronicleEvent } from "./chronicle-event";
import { forwardPageArgs, toConnection } from "./connection";
import { IssueTriage } from "./issue-triage";
import { Repository } from "./repository";
import { RepositoryContext, TriageSettings } from "./repository-context";

// Issue triage and repository context on the Repository that reviews introduced, so one object answers what the
// App knows of a repository. Each field needs contexts:read, as the root fields it mirrors do.
builder.objectFields(Repository, (t) => ({
  context: t.field({
    type: RepositoryContext,
    nullable: true,
    description: "Its ChittyConnect Context (languages, topics, README summary, activity, CODEOWNERS); null until the first refresh.",
    resolve: (r, _args, ctx) => loadRepositoryContext(ctx, r.fullName),
  }),
  triageSettings: t.field({
    type: TriageSettings,
    nullable: true,
    description: "The triage and command settings that apply, as last read from its default branch.",
    resolve: (r, _args, ctx) => triageSettingsFor(ctx, r.fullName),
  }),
  issues: t.connection({
    type: IssueTriage,
    description: "Its issues the App triaged or tried to, most recently updated first.",
    resolve: async (r, args, ctx) => toConnection(await listRepositoryIssues(ctx, r, forwardPageArgs(args))),
  }),
  issue: t.field({
    type: IssueTriage,
    nullable: true,
    args: { number: t.arg.int({ required: true, validate: { schema: pullRequestNumber } }) },
    description: "One issue's triage by number; null when the App never triaged it.",
    resolve: (r, args, ctx) => loadIssueTriage(ctx, r.fullName, args.number),
  }),
  timeline: t.connection({
    type: ChronicleEvent,
    description: "Chronicle events about the repository itself (pushes, installation changes), newest first.",
    resolve: async (r, args, ctx) => toConnection(await repositoryTimeline(ctx, r, forwardPageArgs(args))),
  }),
}));
