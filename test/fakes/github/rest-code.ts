import { json, notFound, paginate } from "./http";
import type { RepoRoute } from "./routes";

/** GitHub lists at most 3,000 files of a pull request, and 300 of a comparison. */
const PULL_FILES_CAP = 3000;
const COMPARE_FILES_CAP = 300;

/** Pull request files and commit comparisons, from the repository's commits. */
export const codeRoutes: RepoRoute[] = [
  {
    method: "GET",
    path: /^\/pulls\/(\d+)\/files$/,
    handle: ({ repo, url }, [, number]) => {
      const pull = repo.issues.get(Number(number))?.pull;
      return pull ? paginate(url, pull.files.slice(0, PULL_FILES_CAP)) : notFound();
    },
  },
  {
    method: "GET",
    path: /^\/compare\/([^/]+?)\.\.\.([^/]+)$/,
    handle: ({ repo, url }, [, base, head]) => {
      const comparison = repo.compare(decodeURIComponent(base!), decodeURIComponent(head!));
      if (!comparison) return notFound();
      const perPage = Number(url.searchParams.get("per_page") ?? 250);
      const page = Number(url.searchParams.get("page") ?? 1);
      const commit = (sha: string) => ({ sha, commit: { message: `commit ${sha.slice(0, 7)}` }, parents: repo.commits.get(sha)!.parents.map((p) => ({ sha: p })) });
      return json({
        status: comparison.status,
        ahead_by: comparison.ahead.length,
        behind_by: comparison.behindBy,
        total_commits: comparison.ahead.length,
        base_commit: commit(repo.resolve(base!)!),
        merge_base_commit: commit(comparison.mergeBase.sha),
        commits: comparison.ahead.slice((page - 1) * perPage, page * perPage).map((c) => commit(c.sha)),
        // GitHub sends the files on the first page only.
        ...(page === 1 ? { files: comparison.files.slice(0, COMPARE_FILES_CAP) } : {}),
      });
    },
  },
];
