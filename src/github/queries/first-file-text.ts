import { z } from "zod";
import { repositoryName, type RepositoryRef } from "../repository-ref";
import { blobText, gitObject, type FileText } from "./file-text";
import { runQuery } from "./run-query";

/**
 * Reads several candidate paths at one revision in one query (one alias each) and returns the first, in
 * the order of `paths`, that exists as a file. Null when none does.
 */
export async function firstFileText(
  env: Env,
  ref: RepositoryRef,
  rev: string,
  query: { document: string; paths: Readonly<Record<string, string>>; what: string },
): Promise<FileText | null> {
  const aliases = Object.keys(query.paths);
  const data = await runQuery(env, ref, {
    document: query.document,
    variables: { owner: ref.owner, name: ref.name, ...Object.fromEntries(aliases.map((a) => [a, `${rev}:${query.paths[a]}`])) },
    answer: z.object({ repository: z.record(z.string(), gitObject).nullable() }),
    doing: `reading ${query.what} at ${rev} in ${repositoryName(ref)}`,
  });
  for (const alias of aliases) {
    const file = blobText(query.paths[alias]!, data.repository?.[alias] ?? null);
    if (file) return file;
  }
  return null;
}
