import { TRIAGE_STATUSES } from "../db/schema";
import { issueNumber, repositoryFullName } from "../inputs/repository-input";
import { loadIssueTriage, type IssueTriageView } from "../resolvers/issue-triage";
import type { StoredTriage } from "../intelligence/issue-triage/stored-triage";
import { builder } from "./builder";

type LabelDecision = NonNullable<StoredTriage["labels"]>["applied"][number];
type Suggestion = { login: string; reasons: string[]; team: boolean };

const IssueTriageStatus = builder.enumType("IssueTriageStatus", {
  description: "PENDING: a job is working on it; TRIAGED: a result is stored; SKIPPED: switched off or not applicable; FAILED: see `reason`.",
  values: Object.fromEntries(TRIAGE_STATUSES.map((s) => [s.toUpperCase(), { value: s }])) as Record<Uppercase<(typeof TRIAGE_STATUSES)[number]>, { value: (typeof TRIAGE_STATUSES)[number] }>,
});

const TriagePriorityLevel = builder.enumType("TriagePriorityLevel", { values: ["P0", "P1", "P2", "P3"] as const });

const TriageLabel = builder.objectRef<LabelDecision>("TriageLabel").implement({
  description: "One issue type put to the repository under the label it uses for it.",
  fields: (t) => ({
    name: t.exposeString("label", { description: "The repository's label." }),
    type: t.exposeString("type", { description: "bug, feature, documentation, question, security or performance." }),
    confidence: t.exposeFloat("confidence", { description: "0 to 1; labels are applied only at or above the repository's `min_confidence`." }),
    evidence: t.exposeStringList("evidence", { description: "What in the issue points at the type, strongest first." }),
  }),
});

const TriageLabels = builder.objectRef<{ result: StoredTriage; labels: NonNullable<StoredTriage["labels"]> }>("TriageLabels").implement({
  description: "Labels triage applied and labels it only suggested.",
  fields: (t) => ({
    applied: t.field({ type: [TriageLabel], description: "Confident enough to apply; the issue carries them unless a person removed one since.", resolve: (l) => l.labels.applied }),
    suggested: t.field({ type: [TriageLabel], description: "Below the threshold: named in the comment, never applied.", resolve: (l) => l.labels.suggested }),
    added: t.stringList({ description: "Labels the last triage added (earlier ones were added before).", resolve: (l) => l.result.added }),
    removedByHuman: t.stringList({ description: "Labels a person removed from the issue; triage never adds them again.", resolve: (l) => l.result.removedByHuman }),
  }),
});

const TriagePriority = builder.objectRef<NonNullable<StoredTriage["priority"]>>("TriagePriority").implement({
  fields: (t) => ({
    level: t.field({ type: TriagePriorityLevel, resolve: (p) => p.level }),
    reasons: t.exposeStringList("reasons", { description: "Why, most urgent first; empty for a P3 by default." }),
    label: t.exposeString("label", { nullable: true, description: "The repository's label for the level; null when it has none." }),
    applied: t.exposeBoolean("applied", { description: "Whether the issue carries that label because of triage (it is never added next to another priority label)." }),
  }),
});

const RelatedIssue = builder.objectRef<NonNullable<StoredTriage["related"]>[number]>("RelatedIssue").implement({
  fields: (t) => ({
    number: t.exposeInt("number"),
    title: t.exposeString("title"),
    state: t.exposeString("state", { description: "open or closed." }),
    score: t.exposeFloat("score", { description: "BM25 similarity over title and body, as a share of the issue's score against itself." }),
  }),
});

const SuggestedAssignee = builder.objectRef<Suggestion>("SuggestedAssignee").implement({
  fields: (t) => ({
    login: t.exposeString("login", { description: "A GitHub login, or `org/team` for a team." }),
    team: t.exposeBoolean("team", { description: "A team CODEOWNERS names; GitHub cannot assign a team to an issue." }),
    reasons: t.exposeStringList("reasons"),
  }),
});

const suggestions = (result: StoredTriage | null): Suggestion[] | null =>
  result?.assignees
    ? [...result.assignees.logins.map((a) => ({ ...a, team: false })), ...result.assignees.teams.map((a) => ({ ...a, team: true }))]
    : null;

export const IssueTriage = builder.objectRef<IssueTriageView>("IssueTriage").implement({
  description: "What ChittyConnect's triage decided and did for one issue: labels, priority, related issues, who could take it.",
  fields: (t) => ({
    repository: t.string({ description: "`owner/name` as last seen.", resolve: (v) => v.row.repository }),
    number: t.int({ resolve: (v) => v.row.number }),
    issueChittyId: t.string({ nullable: true, description: "The issue's ChittyID, once a triage completed.", resolve: (v) => v.row.issueId }),
    status: t.field({ type: IssueTriageStatus, resolve: (v) => v.row.status }),
    reason: t.string({ nullable: true, description: "Why the last job skipped or failed; the last completed result stays.", resolve: (v) => v.row.reason }),
    trigger: t.string({ nullable: true, description: "What started the stored triage: opened, edited, reopened or command.", resolve: (v) => v.result?.reason ?? null }),
    labels: t.field({
      type: TriageLabels,
      nullable: true,
      description: "Null before the first triage or when labels are switched off.",
      resolve: (v) => (v.result?.labels ? { result: v.result, labels: v.result.labels } : null),
    }),
    priority: t.field({ type: TriagePriority, nullable: true, description: "Null when priority is switched off.", resolve: (v) => v.result?.priority ?? null }),
    related: t.field({ type: [RelatedIssue], nullable: true, description: "Up to three similar recent issues; null when switched off.", resolve: (v) => v.result?.related ?? null }),
    suggestedAssignees: t.field({ type: [SuggestedAssignee], nullable: true, description: "From CODEOWNERS and recent commit authors; null when switched off.", resolve: (v) => suggestions(v.result) }),
    commentUrl: t.string({ nullable: true, description: "The one sticky triage comment.", resolve: (v) => v.row.commentUrl }),
    configProblems: t.stringList({ description: "Problems found in `.github/chittyconnect.yml` when triaging.", resolve: (v) => v.result?.configProblems ?? [] }),
    triagedAt: t.field({ type: "DateTime", nullable: true, resolve: (v) => (v.row.triagedAt === null ? null : new Date(v.row.triagedAt)) }),
  }),
});

builder.queryFields((t) => ({
  issueTriage: t.field({
    type: IssueTriage,
    nullable: true,
    description: "An issue's triage, by repository (`owner/name`) and number; null when none is known to you (github:admin, or the installation granted to you).",
    args: {
      repository: t.arg.string({ required: true, validate: { schema: repositoryFullName } }),
      number: t.arg.int({ required: true, validate: { schema: issueNumber } }),
    },
    resolve: (_root, args, ctx) => loadIssueTriage(ctx, args.repository.trim(), args.number),
  }),
}));
