import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { FILE_TEXT_QUERY } from "./documents";
import { runQuery } from "./run-query";

/** A file's content at a revision. `text` is null for a binary file; GitHub may cut a large one (`isTruncated`). */
export interface FileText {
  path: string;
  text: string | null;
  isBinary: boolean;
  byteSize: number;
  isTruncated: boolean;
}

/** What `object(expression:)` answers through the BlobText fragment: a blob, something else (a folder), or null. */
export const gitObject = z
  .discriminatedUnion("__typename", [
    z.object({
      __typename: z.literal("Blob"),
      text: z.string().nullable(),
      isBinary: z.boolean().nullable(),
      byteSize: z.number().int(),
      isTruncated: z.boolean(),
    }),
    z.object({ __typename: z.enum(["Tree", "Commit", "Tag"]) }),
  ])
  .nullable();

/** The blob of a gitObject answer as a FileText, or null when the path is missing or is not a file. */
export function blobText(path: string, object: z.infer<typeof gitObject>): FileText | null {
  if (object?.__typename !== "Blob") return null;
  return { path, text: object.text, isBinary: object.isBinary ?? object.text === null, byteSize: object.byteSize, isTruncated: object.isTruncated };
}

/**
 * A file's text at a revision (a commit SHA, a branch or tag name), such as `.github/chittyconnect.yml` at a
 * pull request's head. Null when the path does not exist there or is a folder.
 * @see https://docs.github.com/en/graphql/reference/objects#blob
 */
export async function fetchFileText(env: Env, ref: RepositoryRef, rev: string, path: string): Promise<FileText | null> {
  const data = await runQuery(env, ref, {
    document: FILE_TEXT_QUERY,
    variables: { owner: ref.owner, name: ref.name, file: `${rev}:${path}` },
    answer: z.object({ repository: z.object({ file: gitObject }).nullable() }),
    doing: `reading ${path} at ${rev} in ${repositoryName(ref)}`,
  });
  return blobText(path, data.repository?.file ?? null);
}
