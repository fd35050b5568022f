import { z } from "zod";

/**
 * One file of a pull request or a comparison, as GitHub's REST API lists it (its "diff-entry"). `patch` is
 * absent for binary files and for diffs GitHub finds too large to show.
 * @see https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files
 */
export const changedFile = z.object({
  filename: z.string().min(1),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  patch: z.string().optional(),
  previous_filename: z.string().optional(),
});
export type ChangedFile = z.infer<typeof changedFile>;

/** A list of changed files and whether GitHub cut it at its cap, so the caller can say what it did not see. */
export interface ChangedFiles {
  files: ChangedFile[];
  truncated: boolean;
}
