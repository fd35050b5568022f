import { fetchPathAuthors } from "../../github/queries/path-authors";
import { PATH_AUTHORS_PER_QUERY } from "../../github/queries/known-paths";
import type { RepositoryRef } from "../../github/repository-ref";
import { parseCodeowners } from "../triage/codeowners";
import { findMentionedAreas } from "../triage/mentioned-areas";
import type { RecentAuthor } from "../triage/triage-input";

/** Commits read per path: enough to see who works there now, few enough to keep the query cheap. */
const COMMITS_PER_PATH = 5;

/**
 * Who recently committed to what an issue points at: the paths it writes out, and the CODEOWNERS folders it names
 * as words. A folder's commits are recorded under `folder/*`, so the engine counts them as commits inside it. One
 * query covers up to 10 paths; more are not read.
 */
export async function readRecentAuthors(env: Env, ref: RepositoryRef, text: string, codeowners: string | null): Promise<RecentAuthor[]> {
  const ownedFolders = parseCodeowners(codeowners ?? "")
    .map((r) => r.pattern.replace(/^\/+/, ""))
    .filter((p) => p.endsWith("/") && !/[*?]/.test(p))
    .map((p) => `${p}*`);
  const areas = findMentionedAreas(text, ownedFolders);
  const targets = [...areas.paths.map((path) => ({ path, recordAs: path })), ...areas.folders.map(({ folder }) => ({ path: folder, recordAs: `${folder}/*` }))].slice(0, PATH_AUTHORS_PER_QUERY);
  if (targets.length === 0) return [];
  const authors = await fetchPathAuthors(env, ref, targets.map((t) => t.path), { commitsPerPath: COMMITS_PER_PATH });
  return targets.flatMap((t) => (authors.get(t.path) ?? []).flatMap((a) => (a.login ? [{ path: t.recordAs, login: a.login }] : [])));
}
