import { z } from "zod";
import { PRIORITY_LEVELS } from "../triage/assess-priority";
import { ISSUE_TYPES } from "../triage/issue-type";

/** Why a triage ran: the issue's own events, or `/chittyconnect triage`. */
export const TRIAGE_REASONS = ["opened", "edited", "reopened", "command"] as const;
export type TriageReason = (typeof TRIAGE_REASONS)[number];

const labelDecision = z.object({ type: z.enum(ISSUE_TYPES), label: z.string(), confidence: z.number(), evidence: z.array(z.string()) });
const suggestion = z.object({ login: z.string(), reasons: z.array(z.string()) });

/**
 * What one triage decided and did, as stored in D1 (`issue_triages.result`) and served by `Query.issueTriage`.
 * One schema for the writer and the reader, so a stored result that no longer parses is found, not guessed at.
 */
export const storedTriageSchema = z.object({
  reason: z.enum(TRIAGE_REASONS),
  /** Null when the labels part is switched off. */
  labels: z.object({ applied: z.array(labelDecision), suggested: z.array(labelDecision) }).nullable(),
  priority: z
    .object({
      level: z.enum(PRIORITY_LEVELS),
      reasons: z.array(z.string()),
      /** The repository's label for the level, or null when it has none. */
      label: z.string().nullable(),
      /** Whether the issue carries that label now because triage added it (now or before). */
      applied: z.boolean(),
    })
    .nullable(),
  related: z.array(z.object({ number: z.number().int(), title: z.string(), state: z.enum(["open", "closed"]), score: z.number() })).nullable(),
  assignees: z.object({ logins: z.array(suggestion), teams: z.array(suggestion) }).nullable(),
  /** Labels this triage added to the issue (the rest of `labels.applied` was already there from an earlier triage). */
  added: z.array(z.string()),
  /** Labels a person removed from the issue, which triage will never add again. */
  removedByHuman: z.array(z.string()),
  /** Problems in `.github/chittyconnect.yml`, as "path (line, column): message". */
  configProblems: z.array(z.string()),
});
export type StoredTriage = z.infer<typeof storedTriageSchema>;
