import type { Language } from "../../analysis/language";
import type { SourceLine } from "../../analysis/source-lines";
import { assignmentOf, callArguments, codeFrom, concatenatesVariable, identifierOf } from "./expression";
import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

/** A shell command value that was built from something else: interpolation, concatenation or formatting. */
function isBuilt(expression: string, lines: SourceLine[], index: number, depth = 0): boolean {
  // Interpolation: JS `${}`, Ruby `#{}`, Python f-string `{}`, PHP "$var".
  if (/\$\{|#\{|\b[fF][rR]?["'][^"']*\{|\$[A-Za-z_]/.test(expression) && /["'`]/.test(expression)) return true;
  if (concatenatesVariable(expression)) return true;
  if (/["']\s*%\s*[\w(]|\.format\s*\(|\b(?:fmt\.)?Sprintf\s*\(|String\.format\s*\(|\bsprintf\s*\(/.test(expression)) return true;
  const name = identifierOf(expression);
  if (name && depth === 0) {
    const assigned = assignmentOf(lines, index, name);
    if (assigned) return isBuilt(assigned, lines, index, 1);
  }
  return false;
}

interface ShellCall {
  pattern: RegExp;
  /** Which argument carries the command; "shell-c" means the one after a literal "-c". */
  argument: number | "shell-c" | "any-built";
  /** Only a finding when the call also asks for a shell (Python's shell=True, Node's shell: true). */
  needsShell?: RegExp;
  /** A PHP-style call whose command argument is a bare variable is already a finding. */
  variableIsEnough?: boolean;
}

const SHELL_CALLS: Partial<Record<Language, ShellCall[]>> = {
  javascript: [
    { pattern: /(?<![\w$]|\/\.)(?:exec|execSync)\s*\(/, argument: 0 },
    { pattern: /(?<![\w$])(?:spawn|spawnSync|execFile|execFileSync)\s*\(/, argument: 0, needsShell: /shell\s*:\s*true/ },
  ],
  python: [
    { pattern: /\bos\.(?:system|popen)\s*\(/, argument: 0 },
    { pattern: /\bsubprocess\.(?:call|run|Popen|check_output|check_call|getoutput|getstatusoutput)\s*\(/, argument: 0, needsShell: /shell\s*=\s*True/ },
    { pattern: /\bcommands\.getoutput\s*\(/, argument: 0 },
  ],
  go: [{ pattern: /\bexec\.Command(?:Context)?\s*\(/, argument: "shell-c" }],
  java: [
    { pattern: /\.exec\s*\(/, argument: "any-built" },
    { pattern: /\bnew\s+ProcessBuilder\s*\(/, argument: "shell-c" },
  ],
  ruby: [{ pattern: /(?<![\w.])(?:system|exec|spawn)\s*[( ]|\b(?:IO\.popen|Open3\.\w+|Process\.spawn)\s*\(/, argument: 0 }],
  php: [{ pattern: /(?<![\w>:$])(?:exec|shell_exec|system|passthru|popen|proc_open|pcntl_exec)\s*\(/, argument: 0, variableIsEnough: true }],
};
SHELL_CALLS.typescript = SHELL_CALLS.javascript;

/** Index of the `"-c"` argument: masked it is `"··"`, like "sh", so the last such one with a successor. */
function shellFlagIndex(args: string[], hasFlag: boolean): number {
  if (!hasFlag) return -1;
  for (let i = args.length - 2; i >= 0; i--) if (/^["']··["']$/.test(args[i]!)) return i;
  return -1;
}

function commandArgument(call: ShellCall, args: string[], flagAt: number): string | null {
  if (typeof call.argument === "number") return args[call.argument] ?? null;
  if (call.argument === "any-built") return args.join(" , ");
  return flagAt >= 0 ? (args[flagAt + 1] ?? null) : null;
}

/** Keywords every match contains; lines without them are skipped cheaply. */
const HINT = /exec|spawn|system|popen|subprocess|commands\.|Command|ProcessBuilder|passthru|proc_open|Open3|`/;

function check(context: HunkContext): RuleHit[] {
  const calls = SHELL_CALLS[context.language!.language] ?? [];
  return perAddedLine(context, (line, index) => {
    // Ruby and PHP backticks run a shell; interpolation into them is the classic injection.
    const backtick = line.strings.find((token) => token.quote === "`" && token.interpolated);
    const shellBacktick = backtick && (context.language!.language === "ruby" || context.language!.language === "php");
    let built = Boolean(shellBacktick);
    for (const call of calls) {
      if (built) break;
      const match = call.pattern.exec(line.code);
      if (!match) continue;
      const code = codeFrom(context.lines, index);
      const open = line.code.indexOf("(", match.index);
      const args = open >= 0 ? callArguments(code, open) : [line.code.slice(match.index + match[0].length)];
      // shell=True must belong to this call, not to the next one a few lines down.
      if (call.needsShell && !args.some((arg) => call.needsShell!.test(arg))) continue;
      const flagAt = shellFlagIndex(args, line.strings.some((token) => token.text === "-c" || token.text === "/c"));
      const command = commandArgument(call, args, flagAt);
      if (!command) continue;
      // A variable handed to `sh -c` (or `bash -c`) is a whole command line of someone else's choosing.
      const afterFlag = flagAt >= 0 ? args[flagAt + 1] : undefined;
      const shellC = call.argument !== 0 && afterFlag !== undefined && args.length > 1 && !/^["'`]/.test(afterFlag);
      built =
        isBuilt(command, context.lines, index) ||
        shellC ||
        (Boolean(call.variableIsEnough) && /^\$\w/.test(command.trim()));
    }
    if (!built) return null;
    return {
      ruleId: "security/command-injection",
      severity: "high",
      message: "A shell command is built from a variable: a value with `;`, `|` or `$(...)` in it runs commands of its own.",
      suggestion:
        "Pass the program and its arguments as a list without a shell (execFile/spawn, subprocess.run([...]), exec.Command(prog, args...)), or quote with shlex.quote/escapeshellarg.",
    };
  }, HINT);
}

export const commandInjectionRule: Rule = {
  id: "security/command-injection",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
