import { FINDING_SEVERITIES, FINDING_STATUSES, REVIEW_MODES, REVIEW_STATUSES, type PullRequestFindingRow } from "../db/schema";
import { pullRequestNumber, repositoryName } from "../inputs/pull-request-input";
import { pullRequestAnalysis, type PullRequestAnalysisView } from "../resolvers/pull-request-analysis";
import { builder } from "./builder";

type Review = PullRequestAnalysisView["review"];
type RiskScore = NonNullable<Review["risk"]>;
type ChangeSummary = NonNullable<Review["summary"]>;

export const FindingSeverity = builder.enumType("FindingSeverity", { description: "How serious a finding is, least first.", values: FINDING_SEVERITIES });
export const FindingStatus = builder.enumType("FindingStatus", {
  description: "open: present at the reviewed head. resolved: the previous review had it and this head no longer does.",
  values: FINDING_STATUSES,
});
const ReviewStatus = builder.enumType("ReviewStatus", { description: "completed: analysed and published. skipped: left out, see `skipped`.", values: REVIEW_STATUSES });
const ReviewMode = builder.enumType("ReviewMode", { description: "full: every file. incremental: only files changed since the last reviewed head.", values: REVIEW_MODES });

const Finding = builder.objectRef<PullRequestFindingRow>("PullRequestFinding").implement({
  description: "One finding: a deterministic rule, where it fired, why, and how to fix it.",
  fields: (t) => ({
    ruleId: t.exposeString("ruleId", { description: "Such as `security/sql-injection`; the first segment is the category." }),
    severity: t.expose("severity", { type: FindingSeverity }),
    path: t.exposeString("path", { description: "The file; empty for a finding about the whole change." }),
    line: t.exposeInt("line", { description: "New-file line of an added line; 0 for a finding about the whole change." }),
    message: t.exposeString("message"),
    evidence: t.exposeString("evidence", { description: "The line that triggered it, secrets cut to a short prefix." }),
    suggestion: t.exposeString("suggestion"),
    fingerprint: t.exposeString("fingerprint", { description: "Stable across pushes: rule, path and normalised evidence, never the line." }),
    status: t.expose("status", { type: FindingStatus }),
    isNew: t.exposeBoolean("isNew", { description: "Open and absent from the previous review." }),
  }),
});

const RiskReason = builder.objectRef<RiskScore["reasons"][number]>("RiskReason").implement({
  fields: (t) => ({ points: t.exposeInt("points"), reason: t.exposeString("reason") }),
});

const Risk = builder.objectRef<RiskScore>("RiskScore").implement({
  description: "A deterministic 0-100 score and what it is made of.",
  fields: (t) => ({
    score: t.exposeInt("score"),
    level: t.exposeString("level", { description: "`low`, `medium` or `high`." }),
    reasons: t.field({ type: [RiskReason], resolve: (r) => r.reasons }),
  }),
});

const ChangeGroup = builder.objectRef<ChangeSummary["groups"][number]>("ChangeGroup").implement({
  description: "Changed files of one area: a top-level source folder, or tests, docs, config, CI, dependencies.",
  fields: (t) => ({ name: t.exposeString("name"), files: t.exposeInt("files"), additions: t.exposeInt("additions"), deletions: t.exposeInt("deletions") }),
});

const Summary = builder.objectRef<{ change: ChangeSummary; ai: string | null }>("ChangeSummary").implement({
  description: "What the pull request changes, grouped by area.",
  fields: (t) => ({
    files: t.int({ resolve: (s) => s.change.files }),
    additions: t.int({ resolve: (s) => s.change.additions }),
    deletions: t.int({ resolve: (s) => s.change.deletions }),
    groups: t.field({ type: [ChangeGroup], resolve: (s) => s.change.groups }),
    generatedParagraph: t.string({ nullable: true, description: "Prose written by Workers AI when the repository asked for it (`review.ai_summary`); generated, not a finding.", resolve: (s) => s.ai }),
  }),
});

const Skip = builder.objectRef<Review["skipped"][number]>("ReviewSkip").implement({
  description: "Something the review left out, and why: the whole review (path null) or one file.",
  fields: (t) => ({ path: t.exposeString("path", { nullable: true }), reason: t.exposeString("reason") }),
});

const PublishError = builder.objectRef<Review["publishErrors"][number]>("ReviewPublishError").implement({
  description: "A write GitHub refused (403: a fork, a missing permission) or rejected (422); the review is stored all the same.",
  fields: (t) => ({ step: t.exposeString("step", { description: "`comment` or `check_run`." }), code: t.exposeString("code"), message: t.exposeString("message") }),
});

const ConfigProblem = builder.objectRef<Review["configProblems"][number]>("ConfigProblem").implement({
  description: "Something wrong in `.github/chittyconnect.yml`; the defaults were used in its place.",
  fields: (t) => ({
    path: t.exposeString("path", { description: "Dotted key such as `review.fail_on`; empty for the whole file." }),
    message: t.exposeString("message"),
    line: t.exposeInt("line", { nullable: true }),
    column: t.exposeInt("column", { nullable: true }),
  }),
});

export const PullRequestAnalysis = builder.objectRef<PullRequestAnalysisView>("PullRequestAnalysis").implement({
  description: "The App's newest review of a pull request: one per head SHA, never two.",
  fields: (t) => ({
    headSha: t.string({ resolve: (a) => a.review.headSha }),
    status: t.field({ type: ReviewStatus, resolve: (a) => a.review.status }),
    mode: t.field({ type: ReviewMode, nullable: true, resolve: (a) => a.review.mode }),
    baseSha: t.string({ nullable: true, description: "The last reviewed head an incremental review started from.", resolve: (a) => a.review.baseSha }),
    summary: t.field({ type: Summary, nullable: true, resolve: (a) => (a.review.summary ? { change: a.review.summary, ai: a.review.aiSummary } : null) }),
    riskScore: t.field({ type: Risk, nullable: true, resolve: (a) => a.review.risk }),
    findings: t.field({
      type: [Finding],
      description: "Open findings, most severe first, then those resolved since the previous review.",
      args: { status: t.arg({ type: FindingStatus, required: false }) },
      resolve: (a, args) => (args.status ? a.findings.filter((f) => f.status === args.status) : a.findings),
    }),
    conclusion: t.string({ nullable: true, description: "The check run's conclusion: `success`, `neutral` or `failure`.", resolve: (a) => a.review.conclusion }),
    commentUrl: t.string({ nullable: true, resolve: (a) => a.review.commentUrl }),
    checkRunUrl: t.string({ nullable: true, resolve: (a) => a.review.checkRunUrl }),
    skipped: t.field({ type: [Skip], resolve: (a) => a.review.skipped }),
    configProblems: t.field({ type: [ConfigProblem], resolve: (a) => a.review.configProblems }),
    publishErrors: t.field({ type: [PublishError], resolve: (a) => a.review.publishErrors }),
    reviewedAt: t.field({ type: "DateTime", resolve: (a) => new Date(a.review.reviewedAt) }),
  }),
});

builder.queryField("pullRequestAnalysis", (t) =>
  t.field({
    type: PullRequestAnalysis,
    nullable: true,
    description: "A pull request's newest review (null before its first). Needs connections:read and an installation granted to you, or github:admin.",
    args: {
      repository: t.arg.string({ required: true, description: "`owner/name`.", validate: { schema: repositoryName } }),
      number: t.arg.int({ required: true, validate: { schema: pullRequestNumber } }),
    },
    resolve: (_root, args, ctx) => pullRequestAnalysis(ctx, args.repository.trim(), args.number),
  }),
);
