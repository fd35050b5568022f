const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * The lines of the new file that a unified-diff patch shows (added and context lines of each hunk), as
 * GitHub's "Files changed" shows them: where a review comment may be placed.
 */
export function diffLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  for (const line of patch.split("\n")) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (next === 0 || line === "" || line.startsWith("-") || line.startsWith("\\")) continue;
    lines.add(next++);
  }
  return lines;
}
