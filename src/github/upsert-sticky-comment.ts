import { z } from "zod";
import { AppError } from "../errors";
import { isThisDeploymentsApp, type IsOurs } from "./authorship";
import { createIssueComment, listIssueComments, updateIssueComment, type IssueComment } from "./issue-comments";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { parseWriteInput } from "./write-input";

export interface StickyComment {
  id: number;
  html_url: string;
  created: boolean;
}

/**
 * The sticky comment among an issue's comments: the oldest one carrying `marker` that this App wrote.
 * Both are needed: anyone can paste the marker into a comment (quoting ours, say), and the App writes
 * other comments too.
 */
export function findStickyComment(comments: IssueComment[], marker: string, isOurs: IsOurs): IssueComment | undefined {
  return comments.find((comment) => comment.body.includes(marker) && isOurs(comment.author));
}

/**
 * Writes the one comment of this App that carries `marker` on an issue or pull request: updates it when it
 * exists (not at all when its body is already `body`), creates it otherwise, never a second one. The marker
 * (a hidden HTML comment such as `<!-- chittyconnect:review -->`) is put first in the body when `body` lacks it.
 * Two upserts racing on one issue can both create; callers serialise work per issue.
 * @param options.isOurs how to tell this App's comments; by default, `performed_via_github_app` is GITHUB_APP_ID.
 */
export async function upsertStickyComment(
  env: Env,
  ref: RepositoryRef,
  number: number,
  marker: string,
  body: string,
  options: { isOurs?: IsOurs } = {},
): Promise<StickyComment> {
  parseWriteInput(z.string().trim().min(1), marker, `writing a sticky comment on ${repositoryName(ref)}#${number} (its marker is empty)`);
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const { comments } = await listIssueComments(env, ref, number);
  const existing = findStickyComment(comments, marker, options.isOurs ?? isThisDeploymentsApp(env));
  if (existing) {
    if (existing.body === text) return { id: existing.id, html_url: existing.html_url, created: false };
    try {
      const updated = await updateIssueComment(env, ref, existing.id, text);
      return { id: updated.id, html_url: updated.html_url, created: false };
    } catch (error) {
      // Deleted by someone between the read and the write: there is no comment left to duplicate.
      if (!(error instanceof AppError && error.code === "GITHUB_NOT_FOUND")) throw error;
    }
  }
  const created = await createIssueComment(env, ref, number, text);
  return { id: created.id, html_url: created.html_url, created: true };
}
