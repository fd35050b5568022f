import { CODEOWNERS_PATHS, PATH_AUTHORS_PER_QUERY, README_PATHS } from "./known-paths";

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

/** A repository's metadata: default branch, languages (10 largest), topics and labels (first 100). */
export const REPOSITORY_METADATA_QUERY = /* GraphQL */ `
  query RepositoryMetadata($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      nameWithOwner
      description
      isFork
      isArchived
      defaultBranchRef { name target { oid } }
      primaryLanguage { name }
      languages(first: 10, orderBy: { field: SIZE, direction: DESC }) { totalSize edges { size node { name } } }
      repositoryTopics(first: 20) { nodes { topic { name } } }
      labels(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name description } }
    }
    rateLimit { cost remaining resetAt }
  }
`;

// A Tree (the path is a folder) or a missing path answers without these fields; __typename tells them apart.
const BLOB_TEXT = /* GraphQL */ `
  fragment BlobText on GitObject { __typename ... on Blob { text isBinary byteSize isTruncated } }
`;

/** Documents that read several files at one revision in one query, one alias per path (`$<alias>: "<rev>:<path>"`). */
const filesQuery = (operation: string, aliases: readonly string[]) => /* GraphQL */ `
  query ${operation}($owner: String!, $name: String!, ${aliases.map((a) => `$${a}: String!`).join(", ")}) {
    repository(owner: $owner, name: $name) {
      ${aliases.map((a) => `${a}: object(expression: $${a}) { ...BlobText }`).join("\n      ")}
    }
    rateLimit { cost remaining resetAt }
  }
  ${BLOB_TEXT}
`;

/** One file's text at a revision: `$file` is `"<rev>:<path>"`. */
export const FILE_TEXT_QUERY = filesQuery("FileText", ["file"]);

/** CODEOWNERS in each place GitHub looks for it, at one revision. */
export const CODEOWNERS_QUERY = filesQuery("Codeowners", Object.keys(CODEOWNERS_PATHS));

/** The README under each usual name and place, at one revision. */
export const README_QUERY = filesQuery("Readme", Object.keys(README_PATHS));

/** One issue as triage reads it when its job starts: the text, labels and reactions it has now, not the payload's. */
export const ISSUE_QUERY = /* GraphQL */ `
  query IssueForTriage($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        id
        number
        title
        body
        state
        author { login }
        labels(first: 100) { nodes { name } }
        reactions { totalCount }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

/** A page of a repository's issues (not pull requests), open and closed, newest first. */
export const RECENT_ISSUES_QUERY = /* GraphQL */ `
  query RecentIssues($owner: String!, $name: String!, $first: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(first: $first, after: $after, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: DESC }) {
        pageInfo { hasNextPage endCursor }
        nodes { number title body state url createdAt labels(first: 20) { nodes { name } } }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

const pathSlots = Array.from({ length: PATH_AUTHORS_PER_QUERY }, (_, i) => i);

/**
 * The latest commits touching each of up to 10 paths on the default branch, with their authors. Unused
 * slots are skipped with `$include<i>: false`, so one document serves any number of paths up to 10.
 */
export const PATH_AUTHORS_QUERY = /* GraphQL */ `
  query PathAuthors($owner: String!, $name: String!, $first: Int!, ${pathSlots.map((i) => `$path${i}: String, $include${i}: Boolean!`).join(", ")}) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
        target {
          __typename
          ... on Commit {
            ${pathSlots.map((i) => `path${i}: history(first: $first, path: $path${i}) @include(if: $include${i}) { nodes { committedDate author { name user { login } } } }`).join("\n            ")}
          }
        }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

/**
 * Activity since a date: commits on the default branch, and pull requests and issues created, counted by
 * search (`$pullRequests` and `$issues` are search queries such as `repo:o/r is:pr created:>=2026-03-01`).
 */
export const RECENT_ACTIVITY_QUERY = /* GraphQL */ `
  query RecentActivity($owner: String!, $name: String!, $since: GitTimestamp!, $pullRequests: String!, $issues: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name target { __typename ... on Commit { history(since: $since) { totalCount } } } }
    }
    pullRequests: search(type: ISSUE, query: $pullRequests, first: 1) { issueCount }
    issues: search(type: ISSUE, query: $issues, first: 1) { issueCount }
    rateLimit { cost remaining resetAt }
  }
`;
