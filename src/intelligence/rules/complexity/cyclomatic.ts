import type { Language } from "../../analysis/language";
import type { SourceLine } from "../../analysis/source-lines";

const C_LIKE = /\b(?:if|for|while|case|catch)\b|&&|\|\||\?\?|\?(?![.?:])(?=[^:]*:)/g;
const DECISIONS: Partial<Record<Language, RegExp>> = {
  javascript: C_LIKE,
  typescript: C_LIKE,
  java: C_LIKE,
  php: /\b(?:if|elseif|for|foreach|while|case|catch)\b|&&|\|\||\?\?|\?(?=[^:]*:)|\band\b|\bor\b/g,
  go: /\b(?:if|for|case)\b|&&|\|\|/g,
  python: /\b(?:if|elif|for|while|except|and|or|case)\b/g,
};

/**
 * McCabe's count approximated on lexed code: 1 plus each branch, loop, case, handler and short-circuit
 * operator in the lines the hunk shows. Strings and comments are already masked, so words in them do not count.
 */
export function cyclomaticComplexity(lines: SourceLine[], language: Language): number {
  const pattern = DECISIONS[language];
  if (!pattern) return 1;
  let count = 1;
  for (const line of lines) count += line.code.match(pattern)?.length ?? 0;
  return count;
}
