import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import * as documents from "../../src/github/queries/documents";
import { CODEOWNERS_PATHS, PATH_AUTHORS_PER_QUERY, README_PATHS } from "../../src/github/queries/known-paths";

const messages = (query: string) => validate(query).map((e) => e.message);

describe("GraphQL documents the GitHub client sends", () => {
  it("include every read the review and triage need", () => {
    expect(Object.keys(documents).sort()).toEqual([
      "CODEOWNERS_QUERY",
      "FILE_TEXT_QUERY",
      "ISSUE_QUERY",
      "PATH_AUTHORS_QUERY",
      "PULL_REQUEST_QUERY",
      "README_QUERY",
      "RECENT_ACTIVITY_QUERY",
      "RECENT_ISSUES_QUERY",
      "REPOSITORY_METADATA_QUERY",
    ]);
  });

  it("ask for each known file under its own alias, and for each path slot of the authors query", () => {
    for (const alias of Object.keys(CODEOWNERS_PATHS)) expect(documents.CODEOWNERS_QUERY).toContain(`${alias}: object(expression: $${alias})`);
    for (const alias of Object.keys(README_PATHS)) expect(documents.README_QUERY).toContain(`${alias}: object(expression: $${alias})`);
    for (let i = 0; i < PATH_AUTHORS_PER_QUERY; i++) expect(documents.PATH_AUTHORS_QUERY).toContain(`path${i}: history(first: $first, path: $path${i}) @include(if: $include${i})`);
  });

  it.each(Object.entries(documents))("%s is valid against GitHub's published schema and asks for its rate limit", (_name, query) => {
    expect(messages(query)).toEqual([]);
    expect(query.replace(/\s+/g, " ")).toContain("rateLimit { cost remaining resetAt }");
  });

  it("rejects a document with a field GitHub does not have, so the check above can fail", () => {
    const broken = documents.PULL_REQUEST_QUERY.replace("changedFiles", "changedFilez");
    expect(messages(broken)).toEqual([expect.stringContaining('Cannot query field "changedFilez" on type "PullRequest"')]);
  });

  it("rejects a generated document whose alias lost its variable, so generation errors are caught too", () => {
    const broken = documents.CODEOWNERS_QUERY.replace("$docs: String!", "$docz: String!");
    expect(messages(broken).join("\n")).toContain('Variable "$docs" is not defined');
  });
});
