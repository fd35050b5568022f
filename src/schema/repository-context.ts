import type { RepositoryContextData } from "../intelligence/repository/repository-context-data";
import { repositoryFullName } from "../inputs/repository-input";
import { loadRepositoryContext, settingsOf, type RepositoryContextView, type TriageSettingsView } from "../resolvers/repository-context";
import { builder } from "./builder";
import { Context } from "./context";

type Readme = NonNullable<RepositoryContextData["readme"]>;

const RepositoryLanguage = builder.objectRef<RepositoryContextData["languages"][number]>("RepositoryLanguage").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    bytes: t.exposeInt("bytes"),
    share: t.exposeFloat("share", { description: "Share of the repository's code, 0 to 1." }),
  }),
});

const ReadmeHeading = builder.objectRef<Readme["headings"][number]>("ReadmeHeading").implement({
  fields: (t) => ({ depth: t.exposeInt("depth", { description: "1 to 3." }), text: t.exposeString("text") }),
});

const GeneratedSummary = builder.objectRef<NonNullable<Readme["generated"]>>("GeneratedSummary").implement({
  description: "Text written by a model (Workers AI), not by the repository's authors; check it against the README.",
  fields: (t) => ({ text: t.exposeString("text"), model: t.exposeString("model", { description: "The model that wrote it." }) }),
});

const RepositoryReadme = builder.objectRef<Readme>("RepositoryReadme").implement({
  description: "The README's own first paragraph and outline, read without AI.",
  fields: (t) => ({
    path: t.exposeString("path"),
    paragraph: t.exposeString("paragraph", { nullable: true, description: "The first paragraph of prose (badges, images and HTML skipped)." }),
    headings: t.field({ type: [ReadmeHeading], resolve: (r) => r.headings }),
    generatedSummary: t.field({ type: GeneratedSummary, nullable: true, description: "Only when Workers AI is bound; marked as generated.", resolve: (r) => r.generated }),
  }),
});

const RepositoryActivity = builder.objectRef<RepositoryContextData["activity"]>("RepositoryActivity").implement({
  description: "How busy the repository was over the last `days` days.",
  fields: (t) => ({
    since: t.field({ type: "DateTime", resolve: (a) => new Date(a.since) }),
    days: t.exposeInt("days"),
    commits: t.exposeInt("commits", { nullable: true, description: "On the default branch; null for an empty repository." }),
    pullRequests: t.exposeInt("pullRequests", { description: "Opened in the window." }),
    issues: t.exposeInt("issues", { description: "Opened in the window." }),
  }),
});

const CodeownersRule = builder.objectRef<NonNullable<RepositoryContextData["codeowners"]>["rules"][number]>("CodeownersRule").implement({
  fields: (t) => ({ pattern: t.exposeString("pattern"), owners: t.exposeStringList("owners") }),
});

export const TriageSettings = builder.objectRef<TriageSettingsView>("TriageSettings").implement({
  description: "The `triage` and `commands` sections of the repository's `.github/chittyconnect.yml`, as last read.",
  fields: (t) => ({
    enabled: t.boolean({ resolve: (s) => s.triage.enabled }),
    labels: t.boolean({ description: "Apply type labels.", resolve: (s) => s.triage.labels }),
    priority: t.boolean({ description: "Assess priority (and apply the repository's priority label).", resolve: (s) => s.triage.priority }),
    related: t.boolean({ description: "Find related issues.", resolve: (s) => s.triage.related }),
    assignees: t.boolean({ description: "Suggest assignees.", resolve: (s) => s.triage.assignees }),
    comment: t.boolean({ description: "Write the sticky triage comment.", resolve: (s) => s.triage.comment }),
    labelMap: t.field({ type: "JSONObject", description: "Issue type → the repository's label name.", resolve: (s) => s.triage.label_map }),
    minConfidence: t.float({ description: "Labels are applied at or above this confidence; below, only suggested.", resolve: (s) => s.triage.min_confidence }),
    commandsEnabled: t.boolean({ description: "Whether `/chittyconnect` commands are answered.", resolve: (s) => s.commands.enabled }),
    problems: t.exposeStringList("problems", { description: "Problems found in the file; each affected setting has its default." }),
    source: t.exposeString("source", { description: "`repository` (read from the file) or `default` (not read yet)." }),
  }),
});

export const RepositoryContext = builder.objectRef<RepositoryContextView>("RepositoryContext").implement({
  description: "What a repository is, as ChittyConnect keeps it in a Context: refreshed on a push to the default branch, at most every 10 minutes.",
  fields: (t) => {
    const data = <T>(pick: (d: RepositoryContextData) => T) => (v: RepositoryContextView) => (v.data ? pick(v.data) : null);
    return {
      repository: t.string({ description: "`owner/name` as last seen.", resolve: (v) => v.row.repository }),
      installationId: t.id({ description: "GitHub's id of the installation it belongs to.", resolve: (v) => String(v.row.installationId) }),
      context: t.field({
        type: Context,
        nullable: true,
        description: "The ChittyConnect Context; null before the first refresh. The system actor owns it, so its `dna` and `timeline` are for administrators.",
        resolve: (v) => v.context,
      }),
      description: t.string({ nullable: true, resolve: data((d) => d.description) }),
      defaultBranch: t.string({ nullable: true, resolve: data((d) => d.defaultBranch) }),
      primaryLanguage: t.string({ nullable: true, resolve: data((d) => d.primaryLanguage) }),
      languages: t.field({ type: [RepositoryLanguage], resolve: (v) => v.data?.languages ?? [] }),
      topics: t.stringList({ resolve: (v) => v.data?.topics ?? [] }),
      readme: t.field({ type: RepositoryReadme, nullable: true, resolve: data((d) => d.readme) }),
      activity: t.field({ type: RepositoryActivity, nullable: true, resolve: data((d) => d.activity) }),
      codeownersPath: t.string({ nullable: true, resolve: data((d) => d.codeowners?.path ?? null) }),
      codeowners: t.field({ type: [CodeownersRule], nullable: true, description: "The first 100 rules; null without a CODEOWNERS file.", resolve: data((d) => d.codeowners?.rules ?? null) }),
      triageSettings: t.field({ type: TriageSettings, resolve: (v) => settingsOf(v) }),
      refreshedAt: t.field({ type: "DateTime", nullable: true, resolve: (v) => (v.row.refreshedAt === null ? null : new Date(v.row.refreshedAt)) }),
      refreshes: t.int({ description: "How many times it was built or refreshed.", resolve: (v) => v.row.refreshes }),
      lastError: t.string({ nullable: true, description: "Why the last refresh did not happen, if it did not.", resolve: (v) => v.row.lastError }),
    };
  },
});

builder.queryFields((t) => ({
  repositoryContext: t.field({
    type: RepositoryContext,
    nullable: true,
    description: "A repository's context, by `owner/name`; null when none is known to you (github:admin, or the installation granted to you).",
    args: { repository: t.arg.string({ required: true, validate: { schema: repositoryFullName } }) },
    resolve: (_root, args, ctx) => loadRepositoryContext(ctx, args.repository.trim()),
  }),
}));
