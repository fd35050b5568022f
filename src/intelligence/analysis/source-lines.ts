import type { Hunk } from "./parse-patch";
import { createLineLexer, type StringToken } from "./lex-lines";
import { LEXER_CONFIGS } from "./lexer-config";
import type { FileLanguage } from "./language";

/** A line of the new file as the hunk shows it, lexed when the file is code. */
export interface SourceLine {
  newLine: number;
  added: boolean;
  raw: string;
  /** Comments blanked and string contents masked; equal to `raw` for templates and unknown files. */
  code: string;
  comment: string;
  strings: StringToken[];
}

/** The new-file side of a hunk (context and added lines, in order), lexed with the file's language. */
export function sourceLines(hunk: Hunk, language: FileLanguage | null): SourceLine[] {
  const lex = language?.kind === "code" ? createLineLexer(LEXER_CONFIGS[language.language]) : null;
  const lines: SourceLine[] = [];
  for (const line of hunk.lines) {
    if (line.kind === "remove" || line.newLine === undefined) continue;
    const lexed = lex ? lex(line.text) : { code: line.text, comment: "", strings: [] };
    lines.push({ newLine: line.newLine, added: line.kind === "add", raw: line.text, ...lexed });
  }
  return lines;
}
