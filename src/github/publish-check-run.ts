import { z } from "zod";
import { checkRunAnnotation, createCheckRun, MAX_ANNOTATIONS_PER_REQUEST, updateCheckRun, type CheckRunAnnotation, type CheckRunLocation, type NewCheckRun } from "./check-run";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { parseWriteInput } from "./write-input";

/** A whole check run to publish: its final status and output, with any number of annotations. */
export interface CheckRunPublication extends Omit<NewCheckRun, "output"> {
  output: { title: string; summary: string; text?: string; annotations: CheckRunAnnotation[] };
}

export interface PublishedCheckRun extends CheckRunLocation {
  /** How many requests the publication took: one create and one update per further 50 annotations. */
  requests: number;
}

/** Splits a list into runs of at most `size`. */
const batches = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Publishes a check run with any number of annotations: one create with the first 50, then one update
 * per further 50, which GitHub appends. With more than 50, the run is created in progress and only the last
 * update gives it its final status and conclusion, so nobody sees it concluded with half its annotations.
 * Every annotation is checked before the first request, so a bad one cannot leave a run half published; an
 * update GitHub fails leaves the run in progress with the annotations sent so far, and the error is thrown.
 * @see https://docs.github.com/en/rest/checks/runs#update-a-check-run
 */
export async function publishCheckRun(env: Env, ref: RepositoryRef, run: CheckRunPublication): Promise<PublishedCheckRun> {
  const doing = `publishing check run "${run.name}" on ${repositoryName(ref)}@${run.head_sha.slice(0, 7)}`;
  const annotations = parseWriteInput(z.array(checkRunAnnotation), run.output.annotations, doing);
  const [first = [], ...rest] = batches(annotations, MAX_ANNOTATIONS_PER_REQUEST);
  const { output, status, conclusion, completed_at, ...identity } = run;
  const final = { status, conclusion, completed_at };
  const heading = { title: output.title, summary: output.summary, ...(output.text === undefined ? {} : { text: output.text }) };

  const created = await createCheckRun(env, ref, {
    ...identity,
    ...(rest.length === 0 ? final : { status: "in_progress" as const }),
    output: { ...heading, annotations: first },
  });
  let location = created;
  for (const [index, batch] of rest.entries()) {
    const last = index === rest.length - 1;
    location = await updateCheckRun(env, ref, created.id, { ...(last ? final : {}), output: { ...heading, annotations: batch } });
  }
  return { ...location, requests: 1 + rest.length };
}
