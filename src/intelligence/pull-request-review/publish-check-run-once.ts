import { updateCheckRun } from "../../github/check-run";
import { findCheckRun } from "../../github/find-check-run";
import { publishCheckRun, type CheckRunPublication } from "../../github/publish-check-run";
import type { RepositoryRef } from "../../github/repository-ref";
import { annotationBatches } from "../review/annotations";

export interface PublishedOnce {
  id: number;
  html_url: string | null;
  /** Write requests this call made: 0 when the run already existed, concluded. */
  requests: number;
  /** True when the run was found on the commit rather than created by this call. */
  found: boolean;
}

/** The App's id from GITHUB_APP_ID, to tell its check runs from another App's of the same name. */
const appIdOf = (env: Env) => (env.GITHUB_APP_ID?.trim() ? Number(env.GITHUB_APP_ID) : null);

/**
 * One check run per name and commit, however often this runs: the App's run is looked up on the commit first.
 * A concluded one is kept as it is. One left in progress by an attempt that died mid-way (after the create,
 * before the last update) gets the annotations it lacks (GitHub counts those it has; the order is the same
 * every time) and its conclusion. Only when there is none is a run created.
 */
export async function publishCheckRunOnce(env: Env, ref: RepositoryRef, run: CheckRunPublication): Promise<PublishedOnce> {
  const existing = await findCheckRun(env, ref, run.head_sha, run.name, appIdOf(env));
  if (!existing) return { ...(await publishCheckRun(env, ref, run)), found: false };
  if (existing.status === "completed") return { id: existing.id, html_url: existing.html_url, requests: 0, found: true };
  const batches = annotationBatches(run.output.annotations.slice(existing.annotationsCount));
  if (batches.length === 0) batches.push([]);
  const heading = { title: run.output.title, summary: run.output.summary, ...(run.output.text === undefined ? {} : { text: run.output.text }) };
  const final = { status: run.status, conclusion: run.conclusion, completed_at: run.completed_at };
  let location = { id: existing.id, html_url: existing.html_url };
  for (const [index, annotations] of batches.entries()) {
    const last = index === batches.length - 1;
    location = await updateCheckRun(env, ref, existing.id, { ...(last ? final : {}), output: { ...heading, annotations } });
  }
  return { ...location, requests: batches.length, found: true };
}
