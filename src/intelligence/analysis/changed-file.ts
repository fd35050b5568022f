import { z } from "zod";

/**
 * One file of GitHub's REST files API (`GET /repos/{o}/{r}/pulls/{n}/files` and the `files` of
 * `GET /repos/{o}/{r}/compare/{base}...{head}`). `patch` is absent for binary files and for diffs GitHub
 * considers too large; `previous_filename` is set on renames.
 */
export const changedFileSchema = z.object({
  filename: z.string().min(1),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  patch: z.string().optional(),
  previous_filename: z.string().optional(),
});

export type ChangedFile = z.infer<typeof changedFileSchema>;
