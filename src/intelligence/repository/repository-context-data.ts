import { z } from "zod";
import { repositoryConfigSchema } from "../config/repository-config";

/** Rules of CODEOWNERS kept in the context; the file itself stays in the repository. */
export const CODEOWNERS_RULES_KEPT = 100;
/** Owners kept per rule. */
export const OWNERS_PER_RULE_KEPT = 10;

/**
 * The `data` of a repository's ChittyConnect Context: what the repository is and how busy it is, as read from
 * GitHub at `refreshedAt`. One schema for the writer (the refresh job) and the readers (GraphQL).
 */
export const repositoryContextDataSchema = z.object({
  kind: z.literal("github.repository"),
  repository: z.object({ nodeId: z.string(), fullName: z.string(), installationId: z.number().int() }),
  description: z.string().nullable(),
  isFork: z.boolean(),
  isArchived: z.boolean(),
  defaultBranch: z.string().nullable(),
  headOid: z.string().nullable(),
  primaryLanguage: z.string().nullable(),
  /** The 10 largest languages by bytes, with their share of the code. */
  languages: z.array(z.object({ name: z.string(), bytes: z.number().int(), share: z.number() })),
  topics: z.array(z.string()),
  readme: z
    .object({
      path: z.string(),
      paragraph: z.string().nullable(),
      headings: z.array(z.object({ depth: z.number().int(), text: z.string() })),
      /** Written by a model when Workers AI is bound; never mistaken for the README's own words. */
      generated: z.object({ text: z.string(), model: z.string() }).nullable(),
    })
    .nullable(),
  activity: z.object({ since: z.string(), days: z.number().int(), commits: z.number().int().nullable(), pullRequests: z.number().int(), issues: z.number().int() }),
  codeowners: z
    .object({ path: z.string(), rules: z.array(z.object({ pattern: z.string(), owners: z.array(z.string()) })), truncated: z.boolean() })
    .nullable(),
  /** The triage and command settings of `.github/chittyconnect.yml` on the default branch, and its problems. */
  settings: z.object({ triage: repositoryConfigSchema.shape.triage, commands: repositoryConfigSchema.shape.commands, problems: z.array(z.string()) }),
  refreshedAt: z.string(),
});
export type RepositoryContextData = z.infer<typeof repositoryContextDataSchema>;
