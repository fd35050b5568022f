import type { Language } from "../../analysis/language";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

/** Debugging leftovers per language; `console.error`/`warn` and loggers are deliberate output and not listed. */
const DEBUG: Record<Language, RegExp> = {
  javascript: /(?<![\w$.])console\.(?:log|debug|trace|dir)\s*\(|(?<![\w$.])debugger\s*;?\s*$/,
  typescript: /(?<![\w$.])console\.(?:log|debug|trace|dir)\s*\(|(?<![\w$.])debugger\s*;?\s*$/,
  python: /(?<![\w.])(?:print|pprint)\s*\(|\b(?:pdb|ipdb)\.set_trace\s*\(|(?<![\w.])breakpoint\s*\(\s*\)/,
  go: /\bfmt\.Print(?:ln|f)?\s*\(|(?<![\w.])println\s*\(/,
  java: /\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(|\.printStackTrace\s*\(\s*\)/,
  ruby: /^\s*(?:pp|p|puts)\s|\bbinding\.pry\b|\bbyebug\b|(?<![\w.])debugger\b/,
  php: /\b(?:var_dump|print_r|var_export|dd|dump)\s*\(/,
};

/** A hunk that parses arguments belongs to a command-line program, where printing is the point. */
const CLI_HINT = /\bargparse\b|\bsys\.argv\b|\bclick\.|\bflag\.Parse\(|\bprocess\.argv\b|\bOptionParser\b|\bcommander\b|\byargs\b/;

function check(context: HunkContext): RuleHit[] {
  if (context.pathKind === "tests" || context.script) return [];
  if (context.lines.some((line) => CLI_HINT.test(line.code))) return [];
  const pattern = DEBUG[context.language!.language];
  return perAddedLine(context, (line) => {
    if (!pattern.test(line.code)) return null;
    return {
      ruleId: "quality/debug-output",
      severity: "low",
      message: "Debugging output is added to library code: it ends up in production logs and consoles.",
      suggestion: "Remove it, or use the project's logger at debug level.",
    };
  });
}

export const debugOutputRule: Rule = {
  id: "quality/debug-output",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
