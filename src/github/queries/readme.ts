import type { RepositoryRef } from "../repository-ref";
import { README_QUERY } from "./documents";
import type { FileText } from "./file-text";
import { firstFileText } from "./first-file-text";
import { README_PATHS } from "./known-paths";

/**
 * The repository's README at a revision, looked for under its usual names in `.github`, the root and
 * `docs` (GitHub's order) in one query. Null when there is none.
 * @see https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-readmes
 */
export function fetchReadme(env: Env, ref: RepositoryRef, rev: string): Promise<FileText | null> {
  return firstFileText(env, ref, rev, { document: README_QUERY, paths: README_PATHS, what: "the README" });
}
