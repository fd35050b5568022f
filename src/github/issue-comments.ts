import { z } from "zod";
import { actingUser, authorshipOf, performingApp, type Authorship } from "./authorship";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { readPages } from "./rest-pages";
import { parseWriteInput } from "./write-input";

/** The longest comment body GitHub accepts. */
export const COMMENT_BODY_MAX = 65_536;
/** Pages of 100 comments read at most: enough for any conversation a bot takes part in. */
export const MAX_COMMENT_PAGES = 30;

const comment = z
  .object({
    id: z.number().int().positive(),
    body: z.string().nullish(),
    html_url: z.string(),
    user: actingUser,
    performed_via_github_app: performingApp,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .transform(({ user, performed_via_github_app, body, ...rest }) => ({
    ...rest,
    body: body ?? "",
    author: authorshipOf(user, performed_via_github_app) satisfies Authorship,
  }));
/** A comment on an issue or a pull request's conversation, with who wrote it. */
export type IssueComment = z.infer<typeof comment>;

const body = z.string().min(1).max(COMMENT_BODY_MAX);

/**
 * The comments of an issue or a pull request's conversation, oldest first, 100 to a page.
 * @see https://docs.github.com/en/rest/issues/comments#list-issue-comments
 */
export async function listIssueComments(env: Env, ref: RepositoryRef, number: number): Promise<{ comments: IssueComment[]; complete: boolean }> {
  const { items, complete } = await readPages(env, ref, {
    route: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    params: { owner: ref.owner, repo: ref.name, issue_number: number },
    item: comment,
    maxPages: MAX_COMMENT_PAGES,
    doing: `listing the comments of ${repositoryName(ref)}#${number}`,
  });
  return { comments: items, complete };
}

/**
 * Comments on an issue or a pull request's conversation. Not retried after a transient failure: it
 * might have been posted, and a second would be a duplicate.
 * @see https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
 */
export async function createIssueComment(env: Env, ref: RepositoryRef, number: number, text: string): Promise<IssueComment> {
  const doing = `commenting on ${repositoryName(ref)}#${number}`;
  const checked = parseWriteInput(body, text, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: false, write: true }, (token) =>
    githubRequest(env, { token })("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: ref.owner,
      repo: ref.name,
      issue_number: number,
      body: checked,
    }),
  );
  return parseComment(response.data, doing);
}

/**
 * Replaces a comment's body; sending the same body twice leaves the same comment, so it is retried.
 * @see https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
 */
export async function updateIssueComment(env: Env, ref: RepositoryRef, commentId: number, text: string): Promise<IssueComment> {
  const doing = `updating comment ${commentId} on ${repositoryName(ref)}`;
  const checked = parseWriteInput(body, text, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: true, write: true }, (token) =>
    githubRequest(env, { token })("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: ref.owner,
      repo: ref.name,
      comment_id: commentId,
      body: checked,
    }),
  );
  return parseComment(response.data, doing);
}

function parseComment(data: unknown, doing: string): IssueComment {
  const parsed = comment.safeParse(data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  return parsed.data;
}
