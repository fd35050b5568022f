import type { SourceLine } from "../../analysis/source-lines";
import { concatenatesVariable } from "./expression";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

const TABLE = String.raw`[\w.\`"\[\]{}$#%]+`;
/** SQL statements, not prose: "delete from the cache" and "Select from active instances" must not match. */
const SQL = new RegExp(
  String.raw`\bselect\s+(?:distinct\s+)?(?!from\b)\S[\s\S]*?\bfrom(?:\s+${TABLE}|\s*$)|\binsert\s+into(?:\s+${TABLE}|\s*$)|` +
    String.raw`\bupdate\s+${TABLE}\s+set\s|\bdelete\s+from\s+${TABLE}\s*(?:where\b|$|;|returning\b)|` +
    String.raw`\b(?:create|drop|alter|truncate)\s+table\s`,
  "i",
);
const PLACEHOLDER = /\?|\$\d|(?<![:\w]):[A-Za-z_]\w*|%\([A-Za-z_]+\)s|@[A-Za-z_]\w*/;
/** A value spliced into a quoted SQL literal: `'%s'`, `'{}'`, `'${x}'`, `'$x'`, `'" + x + "'`. */
const QUOTED_VALUE = /'(?:%[sdvq]|\{\}|\$\{\}|#\{\}|\{\$?\w*\}|\$\w+)'|'\s*$|=\s*'$/;

function statementStrings(lines: SourceLine[], index: number): { text: string; last: number } {
  let text = lines[index]!.strings.map((token) => token.text).join(" ");
  let last = index;
  // Follow `+`/`.` continuations (Java, PHP) and Python's implicit concatenation for a few lines.
  while (last + 1 < lines.length && last - index < 4) {
    const here = lines[last]!.code.trimEnd();
    const next = lines[last + 1]!.code.trimStart();
    if (!/[+.,(]$/.test(here) && !/^[+.]/.test(next) && !/^["'`]/.test(next)) break;
    last++;
    text += ` ${lines[last]!.strings.map((token) => token.text).join(" ")}`;
  }
  return { text, last };
}

function injects(code: string, text: string, interpolated: boolean): boolean {
  const quotedValue = QUOTED_VALUE.test(text);
  if (PLACEHOLDER.test(text) && !quotedValue) return false;
  if (interpolated) return true;
  if (concatenatesVariable(code) && !/^\s*\w*sql\s*`/i.test(code)) return true;
  if (/["']\s*%\s*(?!\s*\()[\w\[{]|["']\s*%\s*\(/.test(code)) return true;
  // str.format only splices when the template has a `{}` field.
  if (/["']\s*\.format\s*\(/.test(code) && text.includes("{")) return true;
  if (/\.concat\s*\(\s*(?!["'`])[\w$]/.test(code)) return true;
  // Sprintf-style formatting of text into the statement; %d and friends only print numbers.
  if (/\b(?:Sprintf|sprintf|String\.format)\s*\(/.test(code) && /%[sqv]/.test(text)) return true;
  return false;
}

/** A cheap first test: no SQL verb in any string of the line, no SQL statement starts there. */
const SQL_WORD = /select|insert|update|delete|create|drop|alter|truncate/i;

/** Variables that some line of the hunk (added or context) assigns a SQL string to. */
function sqlVariablesOf(lines: SourceLine[]): Set<string> {
  const names = new Set<string>();
  lines.forEach((line, index) => {
    if (!line.strings.some((token) => SQL_WORD.test(token.text))) return;
    const target = /(\$?\w+)\s*(?::=|=(?!=))\s*["'`]/.exec(line.code);
    if (target && SQL.test(statementStrings(lines, index).text)) names.add(target[1]!);
  });
  return names;
}

function check(context: HunkContext): RuleHit[] {
  const sqlVariables = sqlVariablesOf(context.lines);
  return perAddedLine(context, (line, index) => {
    const appends = sqlVariables.size > 0 && (line.code.includes("+=") || line.code.includes(".="));
    const assigned = appends ? /(?:^|[^\w.])(\$?\w+)\s*(?:\+=|\.=)\s*(.+)$/.exec(line.code) : null;
    if (assigned && sqlVariables.has(assigned[1]!) && !/^["'`]/.test(assigned[2]!.trim())) return finding();
    // The statement is reported where its text starts, not on a line that only continues it.
    if (line.strings.length === 0 || !line.strings.some((token) => SQL_WORD.test(token.text))) return null;
    const { text, last } = statementStrings(context.lines, index);
    if (!SQL.test(text)) return null;
    // Tagged templates (sql`...`, Prisma.sql`...`) parameterise every ${} they contain.
    if (/\w\s*`/.test(line.code) && !/[=(,]\s*`/.test(line.code)) return null;
    const code = context.lines.slice(index, last + 1).map((l) => l.code).join("\n");
    const interpolated = context.lines.slice(index, last + 1).some((l) => l.strings.some((token) => token.interpolated));
    return injects(code, text, interpolated) ? finding() : null;
  });
}

function finding(): Omit<RuleHit, "line" | "evidence"> {
  return {
    ruleId: "security/sql-injection",
    severity: "high",
    message: "SQL text is built from a variable: a value with a quote in it changes the statement.",
    suggestion:
      "Use placeholders and pass the values separately (cursor.execute(sql, params), db.Query(sql, args...), PreparedStatement, $pdo->prepare), or a query builder.",
  };
}

export const sqlInjectionRule: Rule = {
  id: "security/sql-injection",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
