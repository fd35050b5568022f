import { changedFile, type ChangedFiles } from "./changed-file";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { readPages, REST_PAGE_SIZE } from "./rest-pages";

/** GitHub lists at most this many files of a pull request, whatever its size. */
export const PULL_REQUEST_FILES_CAP = 3000;

/**
 * The files a pull request changes, with their patches, read 100 to a page up to GitHub's cap.
 * `truncated` is true once the cap is reached: GitHub then lists no more, so a pull request of
 * exactly 3,000 files cannot be told from a larger one (its `changedFiles` count can).
 * @see https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
export async function listPullRequestFiles(env: Env, ref: RepositoryRef & { number: number }): Promise<ChangedFiles> {
  const { items, complete } = await readPages(env, ref, {
    route: "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
    params: { owner: ref.owner, repo: ref.name, pull_number: ref.number },
    item: changedFile,
    maxPages: PULL_REQUEST_FILES_CAP / REST_PAGE_SIZE,
    doing: `listing the files of pull request ${repositoryName(ref)}#${ref.number}`,
  });
  const files = items.slice(0, PULL_REQUEST_FILES_CAP);
  return { files, truncated: !complete || files.length >= PULL_REQUEST_FILES_CAP };
}
