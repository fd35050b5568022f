import { fetchFileText } from "../../github/queries/file-text";
import type { RepositoryRef } from "../../github/repository-ref";
import { parseRepositoryConfig } from "../config/parse-repository-config";
import { defaultRepositoryConfig, REPOSITORY_CONFIG_PATH, type RepositoryConfig } from "../config/repository-config";
import type { ConfigProblem } from "../config/config-problem";

/**
 * `.github/chittyconnect.yml` at a commit, parsed. A missing file means the defaults; a file GitHub will not give
 * as text (binary, or cut for size) is a problem like an invalid one: the defaults apply and the check run says so.
 */
export async function repositoryConfigAt(env: Env, ref: RepositoryRef, sha: string): Promise<{ config: RepositoryConfig; problems: ConfigProblem[] }> {
  const file = await fetchFileText(env, ref, sha, REPOSITORY_CONFIG_PATH);
  if (file && (file.text === null || file.isTruncated)) {
    const what = file.text === null ? "a binary file" : `cut by GitHub at ${file.byteSize} bytes`;
    return { config: defaultRepositoryConfig(), problems: [{ path: "", message: `the file is ${what}, so it was not read; the defaults are used` }] };
  }
  return parseRepositoryConfig(file?.text ?? null);
}
