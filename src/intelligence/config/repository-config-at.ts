import { fetchFileText } from "../../github/queries/file-text";
import type { RepositoryRef } from "../../github/repository-ref";
import type { ConfigProblem } from "./config-problem";
import { parseRepositoryConfig } from "./parse-repository-config";
import { defaultRepositoryConfig, REPOSITORY_CONFIG_PATH, type RepositoryConfig } from "./repository-config";

/**
 * `.github/chittyconnect.yml` at a revision, parsed. A missing file means the defaults; a file GitHub will not give
 * as text (binary, or cut for size) is a problem like an invalid one, and the defaults apply.
 */
export async function repositoryConfigAt(env: Env, ref: RepositoryRef, rev: string): Promise<{ config: RepositoryConfig; problems: ConfigProblem[] }> {
  const file = await fetchFileText(env, ref, rev, REPOSITORY_CONFIG_PATH);
  if (file && (file.text === null || file.isTruncated)) {
    const what = file.text === null ? "a binary file" : `cut by GitHub at ${file.byteSize} bytes`;
    return { config: defaultRepositoryConfig(), problems: [{ path: "", message: `the file is ${what}, so it was not read; the defaults are used` }] };
  }
  return parseRepositoryConfig(file?.text ?? null);
}
