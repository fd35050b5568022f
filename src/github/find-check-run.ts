import { z } from "zod";
import { performingApp } from "./authorship";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";

const listed = z.object({
  check_runs: z.array(
    z.object({
      id: z.number().int().positive(),
      head_sha: z.string(),
      name: z.string(),
      status: z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]),
      conclusion: z.string().nullable(),
      html_url: z.string().nullable(),
      app: performingApp,
      output: z.object({ annotations_count: z.number().int().nonnegative() }),
    }),
  ),
});

/** A check run that already exists on a commit: where it is, whether it concluded, and how many annotations it holds. */
export interface ExistingCheckRun {
  id: number;
  html_url: string | null;
  status: string;
  conclusion: string | null;
  annotationsCount: number;
}

/**
 * The check run named `name` that the App `appId` made on a commit, newest first, or null. Another App may use
 * the same name, so the App is checked too; GitHub keeps annotations per run, so their count tells how far an
 * interrupted publication got.
 * @see https://docs.github.com/en/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function findCheckRun(env: Env, ref: RepositoryRef, headSha: string, name: string, appId: number | null): Promise<ExistingCheckRun | null> {
  const doing = `looking up check run "${name}" on ${repositoryName(ref)}@${headSha.slice(0, 7)}`;
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: true }, (token) =>
    githubRequest(env, { token })("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      owner: ref.owner,
      repo: ref.name,
      ref: headSha,
      check_name: name,
      filter: "all",
      per_page: 100,
    }),
  );
  const parsed = listed.safeParse(response.data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  const run = parsed.data.check_runs
    .filter((r) => r.name === name && r.head_sha === headSha && (appId === null || r.app?.id === appId))
    .sort((a, b) => b.id - a.id)[0];
  return run ? { id: run.id, html_url: run.html_url, status: run.status, conclusion: run.conclusion, annotationsCount: run.output.annotations_count } : null;
}
