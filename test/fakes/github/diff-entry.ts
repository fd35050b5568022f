import type { Json } from "./http";

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

/** A file change as a test describes it; counts default to what the patch says. */
export interface FakeFileChange {
  filename: string;
  status?: FileStatus;
  additions?: number;
  deletions?: number;
  patch?: string;
  previous_filename?: string;
}

/** A file change as GitHub's REST API lists it ("diff-entry"). */
export interface DiffEntry extends Json {
  sha: string;
  filename: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

/** A random 40-hex commit or blob SHA. */
export const randomSha = () => Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => b.toString(16).padStart(2, "0")).join("");

const count = (patch: string | undefined, sign: "+" | "-") =>
  (patch ?? "").split("\n").filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign}`)).length;

/** The diff entry GitHub would list for a change a test describes. */
export function diffEntry(change: FakeFileChange): DiffEntry {
  const additions = change.additions ?? count(change.patch, "+");
  const deletions = change.deletions ?? count(change.patch, "-");
  return {
    sha: randomSha(),
    filename: change.filename,
    status: change.status ?? "modified",
    additions,
    deletions,
    changes: additions + deletions,
    ...(change.patch === undefined ? {} : { patch: change.patch }),
    ...(change.previous_filename === undefined ? {} : { previous_filename: change.previous_filename }),
  };
}

/** One hunk replacing a file's old lines with its new ones, as a patch GitHub would show. */
export function wholeFilePatch(before: string | null, after: string | null): string {
  const old = before === null ? [] : before.split("\n");
  const neu = after === null ? [] : after.split("\n");
  const header = `@@ -${old.length ? 1 : 0},${old.length} +${neu.length ? 1 : 0},${neu.length} @@`;
  return [header, ...old.map((l) => `-${l}`), ...neu.map((l) => `+${l}`)].join("\n");
}
