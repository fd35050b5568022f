import { z } from "zod";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { parseWriteInput } from "./write-input";

/** GitHub allows at most 100 labels on an issue. */
export const MAX_LABELS_PER_ISSUE = 100;

const labelNames = z.array(z.string().trim().min(1).max(100)).min(1).max(MAX_LABELS_PER_ISSUE);
const issueLabels = z.array(z.object({ name: z.string() }));

/**
 * Adds labels to an issue or pull request and returns all the labels it has now. GitHub creates a label
 * the repository lacks, so callers pass only labels they read from the repository. Adding a label twice
 * leaves one, so it is retried like a read.
 * @see https://docs.github.com/en/rest/issues/labels#add-labels-to-an-issue
 */
export async function addIssueLabels(env: Env, ref: RepositoryRef, number: number, labels: string[]): Promise<string[]> {
  const doing = `labelling ${repositoryName(ref)}#${number} with ${labels.join(", ")}`;
  const checked = parseWriteInput(labelNames, labels, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: true, write: true }, (token) =>
    githubRequest(env, { token })("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner: ref.owner,
      repo: ref.name,
      issue_number: number,
      labels: checked,
    }),
  );
  const parsed = issueLabels.safeParse(response.data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  return parsed.data.map((label) => label.name);
}
