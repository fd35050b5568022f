import { z } from "zod";
import { ISSUE_TYPES } from "./issue-type";

const text = z.string().max(65_536);

export const repositoryLabelSchema = z.object({ name: z.string().min(1).max(100), description: z.string().max(1_000).nullish() });

export const recentIssueSchema = z.object({
  number: z.number().int().positive(),
  title: text,
  body: text.nullish(),
  state: z.enum(["open", "closed"]),
});

export const recentAuthorSchema = z.object({ path: z.string().min(1).max(1_000), login: z.string().min(1).max(100) });

/** Everything the engine looks at; the handler around it gathers these from GitHub. */
export const triageInputSchema = z.object({
  issue: z.object({
    number: z.number().int().positive(),
    title: text,
    body: text.nullish(),
    author: z.string().max(100).nullish(),
    reactions: z.number().int().nonnegative().default(0),
    /** Labels the issue carries now; the engine never proposes removing any of them. */
    labels: z.array(z.string()).max(100).default([]),
  }),
  repositoryLabels: z.array(repositoryLabelSchema).max(1_000).default([]),
  /** Label names a human removed from this issue: never applied or suggested again. */
  removedByHuman: z.array(z.string()).max(100).default([]),
  recentIssues: z.array(recentIssueSchema).max(500).default([]),
  codeowners: z.string().max(262_144).nullish(),
  recentAuthors: z.array(recentAuthorSchema).max(5_000).default([]),
});

/** Calibrated on the tuning set (dev + holdout) of test/fixtures/issues; see docs/intelligence.md, "Issue triage". */
export const DEFAULT_MIN_CONFIDENCE = 0.75;

export const triageOptionsSchema = z.object({
  labels: z.boolean().default(true),
  priority: z.boolean().default(true),
  related: z.boolean().default(true),
  assignees: z.boolean().default(true),
  comment: z.boolean().default(true),
  /** type → label name; overrides the name-based mapping but still only names labels the repository has. */
  labelMap: z.partialRecord(z.enum(ISSUE_TYPES), z.string().min(1).max(100)).default({}),
  minConfidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
});

export type RepositoryLabel = z.infer<typeof repositoryLabelSchema>;
export type RecentIssue = z.infer<typeof recentIssueSchema>;
export type RecentAuthor = z.infer<typeof recentAuthorSchema>;
export type TriageInput = z.input<typeof triageInputSchema>;
export type ParsedTriageInput = z.output<typeof triageInputSchema>;
export type TriageOptions = z.input<typeof triageOptionsSchema>;
export type ParsedTriageOptions = z.output<typeof triageOptionsSchema>;
