import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import * as documents from "../../src/github/queries/documents";

const messages = (query: string) => validate(query).map((e) => e.message);

describe("GraphQL documents the GitHub client sends", () => {
  it("include at least the pull request read", () => {
    expect(Object.keys(documents)).toContain("PULL_REQUEST_QUERY");
  });

  it.each(Object.entries(documents))("%s is valid against GitHub's published schema and asks for its rate limit", (_name, query) => {
    expect(messages(query)).toEqual([]);
    expect(query.replace(/\s+/g, " ")).toContain("rateLimit { cost remaining resetAt }");
  });

  it("rejects a document with a field GitHub does not have, so the check above can fail", () => {
    const broken = documents.PULL_REQUEST_QUERY.replace("changedFiles", "changedFilez");
    expect(messages(broken)).toEqual([expect.stringContaining('Cannot query field "changedFilez" on type "PullRequest"')]);
  });
});
