import { z } from "zod";
import { changedFile, type ChangedFiles } from "./changed-file";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";

/** GitHub lists at most this many files of a comparison, and pages only its commits. */
export const COMPARE_FILES_CAP = 300;

const comparison = z.object({
  status: z.enum(["ahead", "behind", "diverged", "identical"]),
  ahead_by: z.number().int().nonnegative(),
  behind_by: z.number().int().nonnegative(),
  total_commits: z.number().int().nonnegative(),
  merge_base_commit: z.object({ sha: z.string().min(1) }),
  // An identical comparison may come without a file list.
  files: z.array(changedFile).optional(),
});

export interface Comparison extends ChangedFiles {
  status: z.infer<typeof comparison>["status"];
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  merge_base_commit: { sha: string };
  /** Whether `base` is an ancestor of `head` (or the same commit); false after a force push rewrote it away. */
  baseIsAncestor: boolean;
}

/**
 * Compares two commits of one repository (`base...head`): how they relate and the files changed between
 * their merge base and `head`. GitHub answers 404 for a commit it no longer has, which a force push can cause.
 * @see https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
export async function compareCommits(env: Env, ref: RepositoryRef, base: string, head: string): Promise<Comparison> {
  const doing = `comparing ${base}...${head} in ${repositoryName(ref)}`;
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: true }, (token) =>
    // per_page pages the commits only; the files (up to 300) come whole on the first page, so one commit is enough.
    githubRequest(env, { token })("GET /repos/{owner}/{repo}/compare/{basehead}", {
      owner: ref.owner,
      repo: ref.name,
      basehead: `${base}...${head}`,
      per_page: 1,
    }),
  );
  const parsed = comparison.safeParse(response.data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  const { files = [], ...rest } = parsed.data;
  return {
    ...rest,
    files,
    truncated: files.length >= COMPARE_FILES_CAP,
    baseIsAncestor: rest.status === "ahead" || rest.status === "identical",
  };
}
