import { z } from "zod";
import { TRIAGE_REASONS } from "../../intelligence/issue-triage/stored-triage";
import { COMMANDS } from "../../intelligence/triage/commands";

/** A job's id: the delivery that asked for it, plus a suffix when one delivery asks for several (installations). */
export const jobId = z.string().regex(/^[A-Za-z0-9:_-]{1,160}$/, "must be a delivery id, optionally with a suffix");

const repository = z.strictObject({
  nodeId: z.string().min(1).max(200),
  fullName: z.string().regex(/^[^/\s]+\/[^/\s]+$/).max(200),
  installationId: z.number().int().positive(),
});
const issue = z.strictObject({ nodeId: z.string().min(1).max(200), number: z.number().int().positive() });

/** Why a repository's context is (re)built: a new installation or repository, the first event seen, a push to the default branch. */
export const CONTEXT_REASONS = ["installation", "first-event", "push"] as const;

/**
 * A TRIAGE_Q message: a request, never the work's state. Jobs read GitHub when they run, so a queued job
 * triages the issue as it is then, not as the payload described it.
 */
export const triageMessage = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("issue.triage"), jobId, repository, issue, reason: z.enum(TRIAGE_REASONS) }),
  z.strictObject({
    kind: z.literal("issue.command"),
    jobId,
    repository,
    issue: issue.extend({ isPullRequest: z.boolean() }),
    comment: z.strictObject({ id: z.number().int().positive(), login: z.string().min(1).max(100) }),
    command: z.enum([...COMMANDS, "unknown"]),
    /** The author may run commands (OWNER, MEMBER or COLLABORATOR), as the comment's author_association said. */
    trusted: z.boolean(),
  }),
  z.strictObject({ kind: z.literal("repository.context"), jobId, repository, reason: z.enum(CONTEXT_REASONS) }),
]);
export type TriageMessage = z.infer<typeof triageMessage>;
export type IssueTriageMessage = Extract<TriageMessage, { kind: "issue.triage" }>;
export type CommandMessage = Extract<TriageMessage, { kind: "issue.command" }>;
export type ContextMessage = Extract<TriageMessage, { kind: "repository.context" }>;

/** At most this many messages per sendBatch, as Cloudflare Queues allows. */
const SEND_BATCH_MAX = 100;

/**
 * Sends jobs to TRIAGE_Q. Handlers call this while handling a delivery, before their writes commit: a failed send
 * fails the delivery, which the queue retries, and a job sent by an attempt whose writes did not commit is
 * harmless, since every job deduplicates itself in D1.
 * @see https://developers.cloudflare.com/queues/configuration/javascript-apis/#queue
 */
export async function sendTriageJobs(env: Env, messages: TriageMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    await env.TRIAGE_Q.sendBatch(messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body, contentType: "json" as const })));
  }
}
