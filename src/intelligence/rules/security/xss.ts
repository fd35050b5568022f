import type { SourceLine } from "../../analysis/source-lines";
import { assignmentOf, callArguments, codeFrom, identifierOf, isConstantExpression } from "./expression";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

const SANITIZED = /\b(?:DOMPurify\.sanitize|sanitize(?:Html)?|xss|escape(?:Html)?|bleach\.clean|strip_tags|htmlspecialchars|h)\s*\(/;

/** The value is constant, sanitised, or a variable the hunk assigned a constant to. */
function isSafeValue(expression: string, lines: SourceLine[], index: number): boolean {
  const value = expression.trim().replace(/;$/, "");
  if (isConstantExpression(value) || SANITIZED.test(value)) return true;
  const name = identifierOf(value);
  if (!name) return false;
  // A parameter may arrive with anything in it, whatever the function assigns to it on some branch.
  const parameter = new RegExp(`\\b(?:def|function|func)\\b[^(]*\\([^)]*\\b${name}\\b`);
  if (lines.slice(0, index).some((line) => parameter.test(line.code))) return false;
  const assigned = assignmentOf(lines, index, name);
  return assigned !== null && (isConstantExpression(assigned) || SANITIZED.test(assigned));
}

/** Where an unescaped HTML sink starts and which argument (or right-hand side) feeds it. */
interface Sink {
  pattern: RegExp;
  value: "assignment" | "argument" | "second-argument" | "object-key" | "template";
}

const CODE_SINKS: Record<string, Sink[]> = {
  javascript: [
    { pattern: /\.(?:innerHTML|outerHTML)\s*(?:\+?=)(?!=)/, value: "assignment" },
    { pattern: /\.insertAdjacentHTML\s*\(/, value: "second-argument" },
    { pattern: /\bdocument\.write(?:ln)?\s*\(/, value: "argument" },
    { pattern: /\bdangerouslySetInnerHTML\s*[=:]\s*\{?/, value: "object-key" },
    { pattern: /\binnerHTML\s*:/, value: "object-key" },
  ],
  python: [{ pattern: /\b(?:mark_safe|Markup|SafeText|SafeString|SafeUnicode|SafeBytes)\s*\(/, value: "argument" }],
  ruby: [
    { pattern: /\.html_safe\b/, value: "template" },
    { pattern: /(?<![\w.])raw(?:\s*\(|\s+(?![=!<>])[@\w"':])/, value: "argument" },
  ],
  go: [{ pattern: /\btemplate\.HTML\s*\(/, value: "argument" }],
  php: [],
  java: [],
};
CODE_SINKS.typescript = CODE_SINKS.javascript!;

/** Template syntax that prints without escaping: Blade `{!! !!}`, ERB `raw`/`<%==`, Vue `v-html`, Django `|safe`. */
const TEMPLATE_SINKS: RegExp[] = [
  /\{!!\s*(?!['"][^'"]*['"]\s*!!\})[^!]+!!\}/,
  /<%==|<%=\s*raw[\s(]|\.html_safe\b/,
  /\bv-html\s*=\s*"(?!\s*'[^']*'\s*")[^"]+"/,
  /\{\{[^}]*\|\s*safe\b|\{%\s*autoescape\s+off\s*%\}/,
];

function valueOf(sink: Sink, code: string, match: RegExpExecArray): string {
  const at = match.index;
  if (sink.value === "assignment") return code.slice(at + match[0].length).split("\n")[0]!;
  if (sink.value === "object-key") {
    const rest = code.slice(at + match[0].length).split("\n")[0]!;
    const html = /__html\s*:/.exec(rest);
    return (html ? rest.slice(html.index + html[0].length) : rest).replace(/\}[\s\S]*$/, "");
  }
  const open = code.indexOf("(", at);
  if (open < 0) return code.slice(at + match[0].length).split("\n")[0]!;
  const args = callArguments(code, open);
  return (sink.value === "second-argument" ? args[1] : args[0]) ?? "";
}

/** Keywords every match contains; lines without them are skipped cheaply. */
const HINT = /HTML|document\.write|mark_safe|Markup|Safe(?:Text|String|Unicode|Bytes)|html_safe|raw|v-html|safe|autoescape|\{!!|<%==/;

function check(context: HunkContext): RuleHit[] {
  const { language, kind } = context.language!;
  return perAddedLine(context, (line, index) => {
    let unsafe = false;
    if (kind === "template") {
      unsafe = TEMPLATE_SINKS.some((sink) => sink.test(line.raw));
    } else {
      for (const sink of CODE_SINKS[language] ?? []) {
        const match = sink.pattern.exec(line.code);
        if (!match) continue;
        if (sink.value === "template") {
          // `"<b>literal</b>".html_safe` is constant; anything else is a value marked as safe HTML.
          unsafe = !/["']\s*\)?\s*$/.test(line.code.slice(0, match.index));
        } else {
          unsafe = !isSafeValue(valueOf(sink, codeFrom(context.lines, index, 3), match), context.lines, index);
        }
        if (unsafe) break;
      }
    }
    if (!unsafe) return null;
    return {
      ruleId: "security/xss",
      severity: "high",
      message: "A non-constant value reaches HTML without escaping: markup or script in it runs in the page.",
      suggestion:
        "Render text with textContent or the template's escaping, or sanitise with a maintained sanitizer (DOMPurify, bleach) before marking it safe.",
    };
  }, HINT);
}

export const xssRule: Rule = {
  id: "security/xss",
  languages: ["javascript", "typescript", "python", "ruby", "go", "php"],
  templates: true,
  check,
};
