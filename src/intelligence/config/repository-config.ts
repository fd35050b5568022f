import { z } from "zod";
import { SEVERITIES } from "../analysis/finding";
import { ISSUE_TYPES } from "../triage/issue-type";
import { DEFAULT_MIN_CONFIDENCE } from "../triage/triage-input";

/** Where `.github/chittyconnect.yml` lives in a repository. */
export const REPOSITORY_CONFIG_PATH = ".github/chittyconnect.yml";

/** Generated and vendored files nobody reviews by hand; `review.use_default_ignores: false` turns them off. */
export const DEFAULT_IGNORES = [
  "node_modules/**", "**/node_modules/**", "vendor/**", "**/vendor/**", "dist/**", "build/**", "out/**",
  "coverage/**", "*.min.js", "*.min.css", "*.map", "*.lock", "package-lock.json", "npm-shrinkwrap.json",
  "pnpm-lock.yaml", "go.sum", "*.generated.*", "*.pb.go", "*_pb2.py", "*_pb2_grpc.py", "**/__generated__/**",
  "**/__snapshots__/**", "*.snap",
];

/** Our triage types (the engine's one list); `label_map` maps them to the repository's own label names. */
export const TRIAGE_TYPES = ISSUE_TYPES;

const severity = z.enum(SEVERITIES);
const ruleSwitch = z.union([z.boolean(), z.enum(["on", "off"])], { error: "expected on, off, true or false" });

export const reviewConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  fail_on: z.enum([...SEVERITIES, "none"]).default("high"),
  min_severity: severity.default("low"),
  max_findings: z.number().int().min(1).max(200).default(20),
  ignore: z.array(z.string().min(1)).default([]),
  use_default_ignores: z.boolean().default(true),
  skip_authors: z.array(z.string().min(1)).default(["*[bot]"]),
  skip_titles: z.array(z.string().min(1)).default(["^WIP\\b", "[skip review]", "[no review]"]),
  rules: z.record(z.string().min(1), ruleSwitch).default({}),
  complexity_threshold: z.number().int().min(2).max(100).default(10),
  max_function_lines: z.number().int().min(5).max(2000).default(80),
  max_nesting: z.number().int().min(1).max(20).default(4),
  large_file_lines: z.number().int().min(50).max(100_000).default(800),
  ai_summary: z.boolean().default(false),
});

export const triageConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  labels: z.boolean().default(true),
  priority: z.boolean().default(true),
  related: z.boolean().default(true),
  assignees: z.boolean().default(false),
  comment: z.boolean().default(true),
  // GitHub caps label names at 100 characters, as the engine does.
  label_map: z.partialRecord(z.enum(TRIAGE_TYPES), z.string().min(1).max(100)).default({}),
  // The engine's calibrated threshold: 0.6 measured 78.9% applied precision, under the 85% target (docs/intelligence.md).
  min_confidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
});

export const commandsConfigSchema = z.strictObject({ enabled: z.boolean().default(true) });

export const repositoryConfigSchema = z.strictObject({
  review: reviewConfigSchema.prefault({}),
  triage: triageConfigSchema.prefault({}),
  commands: commandsConfigSchema.prefault({}),
});

export type RepositoryConfig = z.infer<typeof repositoryConfigSchema>;
export type ReviewConfig = RepositoryConfig["review"];
export type TriageConfig = RepositoryConfig["triage"];

/** Every default, as a repository without the file gets. */
export function defaultRepositoryConfig(): RepositoryConfig {
  return repositoryConfigSchema.parse({});
}
