import { z } from "zod";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { parseWriteInput } from "./write-input";

/** GitHub takes at most 50 annotations per create or update request and appends those of each update. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** The most characters GitHub takes in a check run's summary or text. */
export const CHECK_RUN_TEXT_MAX = 65_535;
const ANNOTATION_TEXT_MAX = 64 * 1024;

/** One annotation, as the Checks API takes it; columns only on a single line, lines counted from 1. */
export const checkRunAnnotation = z
  .object({
    path: z.string().min(1),
    start_line: z.number().int().positive(),
    end_line: z.number().int().positive(),
    start_column: z.number().int().positive().optional(),
    end_column: z.number().int().positive().optional(),
    annotation_level: z.enum(["notice", "warning", "failure"]),
    message: z.string().min(1).max(ANNOTATION_TEXT_MAX),
    title: z.string().max(255).optional(),
    raw_details: z.string().max(ANNOTATION_TEXT_MAX).optional(),
  })
  .refine((a) => a.end_line >= a.start_line, "end_line must not come before start_line")
  .refine((a) => a.start_line === a.end_line || (a.start_column === undefined && a.end_column === undefined), "columns are only allowed on a single line");
export type CheckRunAnnotation = z.infer<typeof checkRunAnnotation>;

const output = z.object({
  title: z.string().min(1),
  summary: z.string().max(CHECK_RUN_TEXT_MAX),
  text: z.string().max(CHECK_RUN_TEXT_MAX).optional(),
  annotations: z.array(checkRunAnnotation).max(MAX_ANNOTATIONS_PER_REQUEST).optional(),
});
export type CheckRunOutput = z.infer<typeof output>;

const fields = {
  name: z.string().min(1),
  status: z.enum(["queued", "in_progress", "completed"]).optional(),
  conclusion: z.enum(["action_required", "cancelled", "failure", "neutral", "success", "skipped", "timed_out"]).optional(),
  started_at: z.iso.datetime({ offset: true }).optional(),
  completed_at: z.iso.datetime({ offset: true }).optional(),
  details_url: z.url().optional(),
  external_id: z.string().optional(),
  output: output.optional(),
};
// GitHub requires a conclusion with status "completed" or completed_at.
const concluded = (run: { status?: string; conclusion?: string; completed_at?: string }) =>
  run.conclusion !== undefined || (run.status !== "completed" && run.completed_at === undefined);

const newCheckRun = z
  .object({ ...fields, head_sha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/i, "head_sha must be a full commit SHA") })
  .refine(concluded, "a completed check run needs a conclusion");
export type NewCheckRun = z.infer<typeof newCheckRun>;

const checkRunUpdate = z.object(fields).partial().refine(concluded, "a completed check run needs a conclusion");
export type CheckRunUpdate = z.infer<typeof checkRunUpdate>;

const checkRun = z.object({ id: z.number().int().positive(), html_url: z.string().nullable() });
/** What GitHub answers for a check run it created or updated: where it is. */
export type CheckRunLocation = z.infer<typeof checkRun>;

/**
 * Creates a check run on a commit, with at most 50 annotations (publishCheckRun sends more). Not retried
 * after a transient failure: a second create would be a second check run.
 * @see https://docs.github.com/en/rest/checks/runs#create-a-check-run
 */
export async function createCheckRun(env: Env, ref: RepositoryRef, run: NewCheckRun): Promise<CheckRunLocation> {
  const doing = `creating check run "${run.name}" on ${repositoryName(ref)}@${run.head_sha.slice(0, 7)}`;
  const body = parseWriteInput(newCheckRun, run, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: false, write: true }, (token) =>
    githubRequest(env, { token })("POST /repos/{owner}/{repo}/check-runs", { owner: ref.owner, repo: ref.name, ...body }),
  );
  return parseCheckRun(response.data, doing);
}

/**
 * Updates a check run; the annotations sent (at most 50) are appended to those it has. Not retried after a
 * transient failure, since a repeated update would append them twice.
 * @see https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
export async function updateCheckRun(env: Env, ref: RepositoryRef, checkRunId: number, update: CheckRunUpdate): Promise<CheckRunLocation> {
  const doing = `updating check run ${checkRunId} on ${repositoryName(ref)}`;
  const body = parseWriteInput(checkRunUpdate, update, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: false, write: true }, (token) =>
    githubRequest(env, { token })("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner: ref.owner,
      repo: ref.name,
      check_run_id: checkRunId,
      ...body,
    }),
  );
  return parseCheckRun(response.data, doing);
}

function parseCheckRun(data: unknown, doing: string): CheckRunLocation {
  const parsed = checkRun.safeParse(data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  return parsed.data;
}
