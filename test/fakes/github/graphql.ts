import {
  CODEOWNERS_QUERY,
  FILE_TEXT_QUERY,
  ISSUE_QUERY,
  PATH_AUTHORS_QUERY,
  PULL_REQUEST_QUERY,
  README_QUERY,
  RECENT_ACTIVITY_QUERY,
  RECENT_ISSUES_QUERY,
  REPOSITORY_METADATA_QUERY,
} from "../../../src/github/queries/documents";
import { CODEOWNERS_PATHS, PATH_AUTHORS_PER_QUERY, README_PATHS } from "../../../src/github/queries/known-paths";
import type { FakeGitHub } from "./fake-github";
import type { Json } from "./http";
import type { FakeRepository } from "./repository";

export interface GraphqlRequest {
  github: FakeGitHub;
  installationId: number;
  variables: Record<string, unknown>;
}

/** What a query answers: `data` without `rateLimit` (added by the caller), and GitHub-style `errors`. */
type Answer = { data: Json | null; errors?: Json[] };

const notFound = (request: GraphqlRequest): Answer => ({
  data: { repository: null },
  errors: [{ type: "NOT_FOUND", path: ["repository"], message: `Could not resolve to a Repository with the name '${request.variables.owner}/${request.variables.name}'.` }],
});

/** The repository a query names, when the calling installation may read it. */
const repoOf = (request: GraphqlRequest) => request.github.repository(`${request.variables.owner}/${request.variables.name}`, request.installationId);

function withRepo(answer: (repo: FakeRepository, request: GraphqlRequest) => Answer) {
  return (request: GraphqlRequest): Answer => {
    const repo = repoOf(request);
    return repo ? answer(repo, request) : notFound(request);
  };
}

/** A pull request from the `pullRequests` overrides, then from a repository's state, else made up from the variables. */
function pullRequest(request: GraphqlRequest): Answer {
  const v = request.variables;
  const key = `${v.owner}/${v.name}#${v.number}`;
  if (request.github.pullRequests.has(key)) return { data: { repository: { pullRequest: request.github.pullRequests.get(key) } } };
  const issue = repoOf(request)?.issues.get(Number(v.number));
  if (issue?.pull) {
    const files = issue.pull.files;
    return {
      data: {
        repository: {
          pullRequest: {
            // One node id for the pull request, as on GitHub: the one its issue (and its payloads) carry.
            id: issue.nodeId,
            title: issue.title,
            state: issue.state === "open" ? "OPEN" : "CLOSED",
            isDraft: issue.pull.draft,
            merged: false,
            additions: files.reduce((n, f) => n + f.additions, 0),
            deletions: files.reduce((n, f) => n + f.deletions, 0),
            changedFiles: files.length,
            headRefOid: issue.pull.head,
            baseRefName: issue.pull.baseRef,
            author: { login: issue.author },
          },
        },
      },
    };
  }
  const pullRequest = {
    id: `PR_fake_${v.number}`,
    title: `Pull request ${key}`,
    state: "OPEN",
    isDraft: false,
    merged: false,
    additions: 10,
    deletions: 2,
    changedFiles: 3,
    headRefOid: "0".repeat(40),
    baseRefName: "main",
    author: { login: "octocat" },
  };
  return { data: { repository: { pullRequest } } };
}

const metadata = withRepo((repo) => {
  const head = repo.branches.get(repo.defaultBranch);
  const languages = [...repo.languages].sort((a, b) => b.size - a.size).slice(0, 10);
  const labels = [...repo.labels].sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: {
      repository: {
        id: repo.nodeId,
        nameWithOwner: repo.fullName,
        description: repo.description,
        isFork: repo.isFork,
        isArchived: repo.isArchived,
        defaultBranchRef: head ? { name: repo.defaultBranch, target: { oid: head } } : null,
        primaryLanguage: repo.primaryLanguage ? { name: repo.primaryLanguage } : null,
        languages: { totalSize: repo.languages.reduce((n, l) => n + l.size, 0), edges: languages.map((l) => ({ size: l.size, node: { name: l.name } })) },
        repositoryTopics: { nodes: repo.topics.map((name) => ({ topic: { name } })) },
        labels: { totalCount: labels.length, nodes: labels.slice(0, 100).map((l) => ({ name: l.name, description: l.description })) },
      },
    },
  };
});

/** `object(expression: "<rev>:<path>")` through the BlobText fragment. Text with a NUL byte is binary, as git decides. */
function gitObject(repo: FakeRepository, expression: unknown): Json | null {
  const [rev = "", ...rest] = String(expression).split(":");
  const path = rest.join(":");
  const sha = repo.resolve(rev);
  if (!sha) return null;
  const text = repo.fileAt(sha, path);
  if (text === null) return repo.isFolder(sha, path) ? { __typename: "Tree" } : null;
  const binary = text.includes("\0");
  return { __typename: "Blob", text: binary ? null : text, isBinary: binary, byteSize: new TextEncoder().encode(text).length, isTruncated: false };
}

const files = (aliases: string[]) =>
  withRepo((repo, request) => ({ data: { repository: Object.fromEntries(aliases.map((a) => [a, gitObject(repo, request.variables[a])])) } }));

const recentIssues = withRepo((repo, request) => {
  const all = [...repo.issues.values()].filter((i) => !i.pull).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number);
  const after = request.variables.after;
  const start = typeof after === "string" ? Number(atob(after).replace("cursor:", "")) : 0;
  const page = all.slice(start, start + Math.min(100, Number(request.variables.first)));
  const end = start + page.length;
  return {
    data: {
      repository: {
        issues: {
          pageInfo: { hasNextPage: end < all.length, endCursor: page.length ? btoa(`cursor:${end}`) : null },
          nodes: page.map((i) => ({
            number: i.number,
            title: i.title,
            body: i.body,
            state: i.state === "open" ? "OPEN" : "CLOSED",
            url: `https://github.test/${repo.fullName}/issues/${i.number}`,
            createdAt: i.createdAt,
            labels: { nodes: i.labels.slice(0, 20).map((name) => ({ name })) },
          })),
        },
      },
    },
  };
});

/** One issue (not a pull request) with its labels and reactions; GitHub answers NOT_FOUND for a number it lacks. */
const issue = withRepo((repo, request) => {
  const found = repo.issues.get(Number(request.variables.number));
  if (!found || found.pull) {
    return { data: { repository: { issue: null } }, errors: [{ type: "NOT_FOUND", path: ["repository", "issue"], message: `Could not resolve to an Issue with the number of ${String(request.variables.number)}.` }] };
  }
  return {
    data: {
      repository: {
        issue: {
          id: found.nodeId,
          number: found.number,
          title: found.title,
          body: found.body,
          state: found.state === "open" ? "OPEN" : "CLOSED",
          author: { login: found.author },
          labels: { nodes: found.labels.slice(0, 100).map((name) => ({ name })) },
          reactions: { totalCount: found.reactions },
        },
      },
    },
  };
});

const pathAuthors = withRepo((repo, request) => {
  const head = repo.branches.get(repo.defaultBranch);
  if (!head) return { data: { repository: { defaultBranchRef: null } } };
  const target: Json = { __typename: "Commit" };
  for (let i = 0; i < PATH_AUTHORS_PER_QUERY; i++) {
    if (request.variables[`include${i}`] !== true) continue;
    const path = request.variables[`path${i}`];
    const commits = repo.history(typeof path === "string" ? path : null).slice(0, Number(request.variables.first));
    target[`path${i}`] = {
      nodes: commits.map((c) => ({ committedDate: c.committedDate, author: { name: c.author.name, user: c.author.login ? { login: c.author.login } : null } })),
    };
  }
  return { data: { repository: { defaultBranchRef: { name: repo.defaultBranch, target } } } };
});

/**
 * The issue search this client sends: `repo:o/r is:pr|is:issue created:>=YYYY-MM-DD`. Anything else
 * throws, so a change to the query cannot go unnoticed by the tests.
 */
function searchCount(github: FakeGitHub, installationId: number, query: unknown): number {
  const match = /^repo:([\w.-]+\/[\w.-]+) is:(pr|issue) created:>=(\d{4}-\d{2}-\d{2})$/.exec(String(query));
  if (!match) throw new Error(`the fake GitHub does not understand the search ${String(query)}`);
  const repo = github.repository(match[1]!, installationId);
  if (!repo) return 0;
  return [...repo.issues.values()].filter((i) => Boolean(i.pull) === (match[2] === "pr") && i.createdAt.slice(0, 10) >= match[3]!).length;
}

function recentActivity(request: GraphqlRequest): Answer {
  const repo = repoOf(request);
  const head = repo?.branches.get(repo.defaultBranch);
  const since = String(request.variables.since);
  return {
    ...(repo ? {} : { errors: notFound(request).errors }),
    data: {
      repository: repo ? { defaultBranchRef: head ? { name: repo.defaultBranch, target: { __typename: "Commit", history: { totalCount: repo.history(null, since).length } } } : null } : null,
      pullRequests: { issueCount: searchCount(request.github, request.installationId, request.variables.pullRequests) },
      issues: { issueCount: searchCount(request.github, request.installationId, request.variables.issues) },
    },
  };
}

/** The documents the client sends, each answered from the fake's state; any other query is unknown. */
export const graphqlAnswers = new Map<string, (request: GraphqlRequest) => Answer>([
  [PULL_REQUEST_QUERY, pullRequest],
  [REPOSITORY_METADATA_QUERY, metadata],
  [FILE_TEXT_QUERY, files(["file"])],
  [CODEOWNERS_QUERY, files(Object.keys(CODEOWNERS_PATHS))],
  [README_QUERY, files(Object.keys(README_PATHS))],
  [RECENT_ISSUES_QUERY, recentIssues],
  [ISSUE_QUERY, issue],
  [PATH_AUTHORS_QUERY, pathAuthors],
  [RECENT_ACTIVITY_QUERY, recentActivity],
]);
