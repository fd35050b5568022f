import { createDatabase, type Database } from "../../db/client";
import { AppError } from "../../errors";
import { isRetryable } from "../consumer";
import { retryDelaySeconds } from "../retry-delay";
import { recordContextError } from "./context-claim";
import { finishWithout, releaseIssueTriage } from "./issue-triage-store";
import { runCommand } from "./run-command";
import { runContextRefresh } from "./run-context-refresh";
import { IssueBusyError, runIssueTriage } from "./run-issue-triage";
import { triageMessage, type TriageMessage } from "./triage-message";

/** The attempt after which the queue would drop a job: 1 + max_retries (5) of the TRIAGE_Q consumer in wrangler.toml. */
export const FINAL_ATTEMPT = 6;

const describe = (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error));

/** The issue a job triages, if it triages one (a triage job, or `/chittyconnect triage` on an issue). */
function triagedIssue(job: TriageMessage) {
  if (job.kind === "issue.triage") return job;
  if (job.kind === "issue.command" && job.command === "triage" && !job.issue.isPullRequest) return { jobId: job.jobId, repository: job.repository, issue: job.issue };
  return null;
}

function runJob(env: Env, db: Database, job: TriageMessage): Promise<string> {
  if (job.kind === "issue.triage") return runIssueTriage(env, db, job);
  if (job.kind === "issue.command") return runCommand(env, db, job);
  return runContextRefresh(env, db, job);
}

/** Records a failure where operators and `issueTriage`/`repositoryContext` see it: final, or before a retry. */
async function recordFailure(db: Database, job: TriageMessage, error: string, final: boolean): Promise<void> {
  const issue = triagedIssue(job);
  if (issue) {
    if (final) await finishWithout(db, issue, "failed", error, Date.now());
    else await releaseIssueTriage(db, issue, error, Date.now());
  }
  if (job.kind === "repository.context") await recordContextError(db, job, error);
}

/**
 * TRIAGE_Q consumer: runs each job (issue triage, a slash command, a repository context refresh) and acks it. A
 * retryable failure (GitHub unavailable or rate-limited, the issue busy with another job) is retried with backoff,
 * up to the queue's limit; a job that cannot succeed, or whose last attempt failed, has its failure recorded on its
 * issue or repository and is then acknowledged, since there is no dead-letter queue to keep it.
 * @see https://developers.cloudflare.com/queues/configuration/batching-retries/
 */
export async function handleTriageBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDatabase(env.DB);
  // One job at a time: their GitHub calls share one installation's budget.
  for (const message of batch.messages) await handleJob(message, env, db);
}

async function handleJob(message: Message<unknown>, env: Env, db: Database): Promise<void> {
  const parsed = triageMessage.safeParse(message.body);
  if (!parsed.success) {
    // Only this Worker sends these; a malformed one is a bug that no retry fixes, and the log is its trace.
    console.error("TRIAGE_Q message is not a job; dropping it", { id: message.id, issue: parsed.error.issues[0]?.message });
    return message.ack();
  }
  const job = parsed.data;
  const log = { jobId: job.jobId, kind: job.kind, repository: job.repository.fullName, attempts: message.attempts };
  const started = Date.now();
  try {
    const outcome = await runJob(env, db, job);
    console.log("triage job done", { ...log, outcome, ms: Date.now() - started });
    message.ack();
  } catch (error) {
    const retry = isRetryable(error) && message.attempts < FINAL_ATTEMPT;
    console.error("triage job failed", { ...log, retry, error: describe(error) });
    try {
      await recordFailure(db, job, describe(error), !retry);
    } catch (recordError) {
      console.error("triage job failure could not be recorded; retrying the job", { ...log, error: String(recordError) });
      return message.retry({ delaySeconds: retryDelaySeconds(recordError, message.attempts) });
    }
    if (!retry) return message.ack();
    message.retry({ delaySeconds: error instanceof IssueBusyError ? error.delaySeconds : retryDelaySeconds(error, message.attempts) });
  }
}
