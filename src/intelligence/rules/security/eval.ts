import type { Language } from "../../analysis/language";
import { callArguments, codeFrom, isConstantExpression } from "./expression";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

/** Calls that compile or run code held in a string, per language (matched on lexed code only). */
const EVAL_CALLS: Partial<Record<Language, RegExp[]>> = {
  javascript: [
    /(?<![\w$.]|function\s)eval\s*\(/,
    /\b(?:window|globalThis|self)\.eval\s*\(/,
    /\bnew\s+Function\s*\(/,
    /(?<![\w$.])(?:setTimeout|setInterval)\s*\(\s*(?=["'`])/,
  ],
  python: [/(?<![\w.]|def\s)(?:eval|exec)\s*\(/],
  ruby: [
    /(?<![\w.:]|def\s)eval[\s(]/,
    /\.(?:instance_eval|class_eval|module_eval|class_exec)\s*(?:\(\s*[^)\s]|\s+(?!do\b)["'\w])/,
    /\.eval\s*\(\s*\S/,
    /InstructionSequence\.compile\b/,
  ],
  php: [/(?<![\w>:$])(?:eval|create_function)\s*\(/, /\bassert\s*\(\s*\$/],
};
EVAL_CALLS.typescript = EVAL_CALLS.javascript;

/** Keywords every match contains; lines without them are skipped cheaply. */
const HINT = /eval|Function|setTimeout|setInterval|exec|compile|create_function|assert/;

function check(context: HunkContext): RuleHit[] {
  const patterns = EVAL_CALLS[context.language!.language] ?? [];
  return perAddedLine(context, (line, index) => {
    for (const pattern of patterns) {
      const match = pattern.exec(line.code);
      if (!match) continue;
      const open = line.code.indexOf("(", match.index);
      const argument = open >= 0 ? (callArguments(codeFrom(context.lines, index), open)[0] ?? "") : "";
      const constant = isConstantExpression(argument);
      return {
        ruleId: "security/eval",
        severity: constant ? "medium" : "high",
        message: constant
          ? "Code is compiled from a string at run time; even a constant string hides code from review and tooling."
          : "Code built at run time from a non-constant value is executed: whoever controls the value runs code.",
        suggestion:
          "Call the code directly, or parse data with a real parser (JSON.parse, ast.literal_eval, a lookup table) instead of evaluating it.",
      };
    }
    return null;
  }, HINT);
}

export const evalRule: Rule = {
  id: "security/eval",
  languages: ["javascript", "typescript", "python", "ruby", "php"],
  check,
};
