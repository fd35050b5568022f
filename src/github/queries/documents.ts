/**
 * Every GraphQL document the GitHub client sends, in one place so that test/node/github-graphql-schema.test.ts
 * can check each against GitHub's published schema (@octokit/graphql-schema). Each asks for
 * `rateLimit { cost remaining resetAt }` so the client can back off before the budget runs out.
 * @see https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query PullRequestDetails($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        id
        title
        state
        isDraft
        merged
        additions
        deletions
        changedFiles
        headRefOid
        baseRefName
        author { login }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;
