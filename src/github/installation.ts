import { z } from "zod";
import { createAppJwt } from "./app-jwt";
import { githubError, githubRequest } from "./github-request";

// REST answers ISO 8601; webhook payloads sometimes carry Unix seconds. Both become milliseconds.
const githubTime = z.union([z.iso.datetime({ offset: true }), z.number()]).transform((t) =>
  typeof t === "number" ? t * 1000 : Date.parse(t),
);

/** The installation as GitHub describes it (REST `GET /app/installations/{id}` and webhook payloads). */
export const githubInstallation = z.object({
  id: z.number().int().positive(),
  account: z
    .union([
      z.object({ login: z.string().min(1), type: z.string().min(1) }),
      // Enterprise installations name their account by slug.
      z.object({ slug: z.string().min(1) }).transform((a) => ({ login: a.slug, type: "Enterprise" })),
    ])
    .nullable(),
  repository_selection: z.enum(["all", "selected"]),
  permissions: z.record(z.string(), z.string()),
  events: z.array(z.string()),
  created_at: githubTime,
  suspended_at: githubTime.nullish(),
});
export type GitHubInstallation = z.infer<typeof githubInstallation>;

/** A repository as `GET /installation/repositories` lists it. */
export const githubRepository = z.object({
  id: z.number().int().positive(),
  full_name: z.string().min(3),
  private: z.boolean(),
});
export type GitHubRepository = z.infer<typeof githubRepository>;

/** Reads one installation of this App from GitHub, authenticated as the App. */
export async function fetchInstallation(env: Env, installationId: number): Promise<GitHubInstallation> {
  const jwt = await createAppJwt(env);
  try {
    const response = await githubRequest(env, { jwt })("GET /app/installations/{installation_id}", {
      installation_id: installationId,
    });
    return githubInstallation.parse(response.data);
  } catch (error) {
    throw githubError(error, `reading installation ${installationId}`);
  }
}

const repositoryPage = z.object({ total_count: z.number().int(), repositories: z.array(githubRepository) });
const PAGE_SIZE = 100;
/** Enough for any realistic installation; installation_repositories events keep the list current after that. */
const MAX_PAGES = 10;

/** The repositories an installation token can reach, fetched page by page. */
export async function fetchInstallationRepositories(env: Env, token: string): Promise<GitHubRepository[]> {
  const repositories: GitHubRepository[] = [];
  try {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await githubRequest(env, { token })("GET /installation/repositories", { per_page: PAGE_SIZE, page });
      const data = repositoryPage.parse(response.data);
      repositories.push(...data.repositories);
      if (data.repositories.length < PAGE_SIZE || repositories.length >= data.total_count) break;
    }
  } catch (error) {
    throw githubError(error, "listing the installation's repositories");
  }
  return repositories;
}
