import { z } from "zod";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import type { RepositoryRef } from "./repository-ref";

/** GitHub's largest page for REST lists. */
export const REST_PAGE_SIZE = 100;

export interface PagedList<T> {
  items: T[];
  /** False when the walk stopped at `maxPages` while GitHub still linked a next page. */
  complete: boolean;
}

export interface PagedRead<T> {
  /** A REST route whose list GitHub paginates with `per_page`, `page` and a `Link` header. */
  route: string;
  params: Record<string, string | number>;
  item: z.ZodType<T>;
  maxPages: number;
  /** Completes "... while {doing}" in error messages. */
  doing: string;
}

/**
 * Reads a paginated REST list as the installation, following `rel="next"` in GitHub's `Link` header.
 * Hand-written rather than @octokit/plugin-paginate-rest: that plugin needs an Octokit instance and walks
 * every page in one chain, whereas here each page is its own call through callAsInstallation (its own
 * concurrency slot, token refresh and retry), and the walk stops at a page limit GitHub or the caller sets.
 * @see https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export async function readPages<T>(env: Env, ref: RepositoryRef, read: PagedRead<T>): Promise<PagedList<T>> {
  const page = z.array(read.item);
  const items: T[] = [];
  for (let number = 1; number <= read.maxPages; number++) {
    const response = await callAsInstallation(env, { ...ref, doing: read.doing, idempotent: true }, (token) =>
      githubRequest(env, { token })(read.route, { ...read.params, per_page: REST_PAGE_SIZE, page: number }),
    );
    const parsed = page.safeParse(response.data);
    if (!parsed.success) throw githubError(parsed.error, read.doing);
    items.push(...parsed.data);
    if (!/\brel="next"/.test(String(response.headers.link ?? ""))) return { items, complete: true };
  }
  return { items, complete: false };
}
