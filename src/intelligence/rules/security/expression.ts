import { MASK } from "../../analysis/lex-lines";
import type { SourceLine } from "../../analysis/source-lines";

const LITERAL = new RegExp(`(?:\\b[rbuf]{1,2})?(["'\`])${MASK}*\\1|"""${MASK}*"""|'''${MASK}*'''`, "gi");

/** The lexed code of `lines[index]` and the lines after it, joined, so calls split over lines read whole. */
export function codeFrom(lines: SourceLine[], index: number, count = 4): string {
  return lines
    .slice(index, index + count)
    .map((line) => line.code)
    .join("\n");
}

/**
 * The top-level arguments of the call whose `(` is at `open` in `code`, as written (strings masked).
 * Stops at the matching `)` or at the end of the text for a call that runs past the hunk.
 */
export function callArguments(code: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = open + 1; i < code.length; i++) {
    const char = code[i]!;
    if ("([{".includes(char)) depth++;
    if (")]}".includes(char)) {
      if (depth === 0) break;
      depth--;
    }
    if (char === "," && depth === 0) {
      args.push(current.trim());
      current = "";
      continue;
    }
    current += char;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}

/** Only string literals without interpolation, joined by `+` or `.`: nothing a caller could influence. */
export function isConstantExpression(expression: string): boolean {
  if (!expression.trim()) return false;
  if (/\$\{|#\{/.test(expression)) return false;
  const rest = expression.replace(LITERAL, "");
  return /^[\s+.()]*$/.test(rest) && rest.length < expression.length;
}

/** A string literal joined with something that is not a literal (`"a" + x`, `x + "a"`, PHP `"a" . $x`). */
export function concatenatesVariable(code: string): boolean {
  const masked = code.replace(LITERAL, (literal) => `"${MASK}"`);
  return (
    new RegExp(`["'\`]\\s*(?:\\+|\\.(?!\\s*\\w+\\s*\\())\\s*(?![\\s"'\`])[\\w$(\\[]`).test(masked) ||
    new RegExp(`[\\w\\])$]\\s*(?:\\+|\\.)\\s*["'\`]`).test(masked.replace(/\b\d+\s*\+/g, ""))
  );
}

/** The right-hand side assigned to `name` in an earlier line of the hunk, if there is one. */
export function assignmentOf(lines: SourceLine[], before: number, name: string): string | null {
  const pattern = new RegExp(`(?:^|[^\\w.$])\\$?${name.replace(/[$]/g, "\\$")}\\s*(?::=|=(?!=))\\s*(.+)$`);
  for (let i = before - 1; i >= 0; i--) {
    const match = pattern.exec(lines[i]!.code);
    if (match) return match[1]!.replace(/;\s*$/, "").trim();
  }
  return null;
}

/** A lone identifier (optionally `$`-prefixed, as in PHP), the shape `assignmentOf` can resolve. */
export function identifierOf(expression: string): string | null {
  const match = /^\$?([A-Za-z_]\w*)$/.exec(expression.trim());
  return match ? match[1]! : null;
}
