import type { RepositoryRef } from "../repository-ref";
import { CODEOWNERS_QUERY } from "./documents";
import type { FileText } from "./file-text";
import { firstFileText } from "./first-file-text";
import { CODEOWNERS_PATHS } from "./known-paths";

/**
 * The CODEOWNERS file GitHub would use at a revision: `.github/CODEOWNERS`, else `CODEOWNERS`, else
 * `docs/CODEOWNERS`, all asked for in one query. Null when there is none.
 * @see https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 */
export function fetchCodeowners(env: Env, ref: RepositoryRef, rev: string): Promise<FileText | null> {
  return firstFileText(env, ref, rev, { document: CODEOWNERS_QUERY, paths: CODEOWNERS_PATHS, what: "CODEOWNERS" });
}
