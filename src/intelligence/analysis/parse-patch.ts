export type PatchLineKind = "add" | "remove" | "context";

export interface PatchLine {
  kind: PatchLineKind;
  text: string;
  /** Line in the new file (added and context lines). */
  newLine?: number;
  /** Line in the old file (removed and context lines). */
  oldLine?: number;
  /** Set when git printed "\ No newline at end of file" after this line. */
  noNewlineAtEnd?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Text after the second `@@`, usually the enclosing function's signature. */
  section: string;
  lines: PatchLine[];
}

export interface ParsedPatch {
  hunks: Hunk[];
  /** New-file lines that were added: the only lines findings and annotations may point at. */
  addedLines: Set<number>;
  additions: number;
  deletions: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/**
 * Parses the `patch` of GitHub's files API: unified-diff hunks without file headers. A hand-written parser:
 * the format is a dozen lines of grammar, and the diff libraries on npm expect whole `diff --git` files.
 */
export function parsePatch(patch: string | undefined | null): ParsedPatch {
  const parsed: ParsedPatch = { hunks: [], addedLines: new Set(), additions: 0, deletions: 0 };
  if (!patch) return parsed;
  let hunk: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  const rows = patch.split("\n");
  // A patch ending in "\n" leaves one empty row that is not a line of the diff.
  if (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  for (const row of rows) {
    const header = HUNK_HEADER.exec(row);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[3]);
      hunk = {
        oldStart: oldLine,
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: newLine,
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        section: header[5] ?? "",
        lines: [],
      };
      parsed.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    const marker = row[0];
    const text = row.slice(1).replace(/\r$/, "");
    if (marker === "+") {
      hunk.lines.push({ kind: "add", text, newLine });
      parsed.addedLines.add(newLine);
      parsed.additions++;
      newLine++;
    } else if (marker === "-") {
      hunk.lines.push({ kind: "remove", text, oldLine });
      parsed.deletions++;
      oldLine++;
    } else if (marker === "\\") {
      const last = hunk.lines[hunk.lines.length - 1];
      if (last) last.noNewlineAtEnd = true;
    } else {
      // " " context; an empty row is a blank context line whose leading space an editor stripped.
      hunk.lines.push({ kind: "context", text, newLine, oldLine });
      oldLine++;
      newLine++;
    }
  }
  return parsed;
}
