import { z } from "zod";
import { githubError, githubRequest } from "./github-request";
import { callAsInstallation } from "./installation-call";
import { repositoryName, type RepositoryRef } from "./repository-ref";
import { parseWriteInput } from "./write-input";

/** The reactions GitHub offers. */
export const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;
export type Reaction = (typeof REACTIONS)[number];

const reaction = z.object({ id: z.number().int().positive(), content: z.enum(REACTIONS) });

/**
 * Reacts to an issue or pull request comment. GitHub answers 200 with the existing reaction when the App
 * already reacted so, so repeating it is harmless and it is retried like a read.
 * @see https://docs.github.com/en/rest/reactions/reactions#create-reaction-for-an-issue-comment
 */
export async function addCommentReaction(
  env: Env,
  ref: RepositoryRef,
  commentId: number,
  content: Reaction,
): Promise<{ id: number; content: Reaction; created: boolean }> {
  const doing = `reacting ${content} to comment ${commentId} on ${repositoryName(ref)}`;
  const checked = parseWriteInput(z.enum(REACTIONS), content, doing);
  const response = await callAsInstallation(env, { ...ref, doing, idempotent: true, write: true }, (token) =>
    githubRequest(env, { token })("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      owner: ref.owner,
      repo: ref.name,
      comment_id: commentId,
      content: checked,
    }),
  );
  const parsed = reaction.safeParse(response.data);
  if (!parsed.success) throw githubError(parsed.error, doing);
  return { ...parsed.data, created: response.status === 201 };
}
