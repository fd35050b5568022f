/**
 * The fake GitHub used by the tests: `FakeGitHub` answers the REST and GraphQL calls the Worker makes,
 * from repositories, issues, comments and check runs kept in memory.
 */
export { FakeGitHub, type FakeCall, type Fault } from "./fake-github";
export { FAKE_APP, installationResource, repositoryResource } from "./resources";
export { FakeRepository, type CommitInit, type FakeIssue } from "./repository";
export type { DiffEntry, FakeFileChange } from "./diff-entry";
export type { FakeCheckRun } from "./rest-checks";
export type { FakeComment } from "./rest-issues";
export { diffLines } from "./diff-lines";
export { givenRepository } from "./given";
