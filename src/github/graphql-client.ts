import { graphql } from "@octokit/graphql";

/**
 * GitHub's GraphQL client for one deployment, with `GITHUB_API_URL` as baseUrl: octokit posts to
 * `{baseUrl}/graphql`, and for a GHES root ending in /api/v3 to `/api/graphql`, as GHES serves it.
 * @see https://github.com/octokit/graphql.js#use-with-github-enterprise
 */
export function githubGraphql(env: Pick<Env, "GITHUB_API_URL">, token: string) {
  return graphql.defaults({
    baseUrl: env.GITHUB_API_URL.replace(/\/+$/, ""),
    headers: { authorization: `token ${token}`, "user-agent": "chittyconnect" },
  });
}
