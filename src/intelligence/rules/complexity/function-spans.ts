import type { Language } from "../../analysis/language";
import type { SourceLine } from "../../analysis/source-lines";

/** A function as far as the hunk shows it: its signature line and the visible body lines. */
export interface FunctionSpan {
  name: string;
  /** Index of the signature line in the hunk's lines. */
  start: number;
  /** Index of the last visible body line (the closing brace, or the hunk's end). */
  end: number;
  /** Block depth of each body line relative to the function body (0 = directly inside). */
  depths: number[];
}

const BRACE_STARTS: Partial<Record<Language, RegExp>> = {
  javascript: /(?:\bfunction\s*\*?\s*([\w$]+)?\s*\(|^\s*(?:(?:export|default|async|static|public|private|protected|get|set|override|readonly)\s+)*([\w$]+)\s*(?:<[^>]*>)?\s*\([^;]*\)\s*(?::[^={]+)?\{\s*$|\b(?:const|let|var)\s+([\w$]+)\s*=\s*(?:async\s+)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>)/,
  go: /^\s*func\s+(?:\([^)]*\)\s*)?([\w]+)\s*(?:\[[^\]]*\])?\s*\(/,
  java: /^\s*(?:(?:public|private|protected|static|final|synchronized|abstract|default)\s+)*[\w<>[\],.?\s]+\s+(\w+)\s*\([^;]*$/,
  php: /\bfunction\s+&?(\w+)\s*\(/,
};
BRACE_STARTS.typescript = BRACE_STARTS.javascript;

const NOT_FUNCTIONS = /^\s*(?:if|for|while|switch|catch|return|else|do|try|new|throw)\b/;

function braceSpans(lines: SourceLine[], start: RegExp): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    // Every signature has a parenthesis or an arrow; skipping the rest spares the long patterns.
    const code = lines[i]!.code;
    if (!code.includes("(") && !code.includes("=>")) continue;
    const match = start.exec(code);
    if (!match || NOT_FUNCTIONS.test(lines[i]!.code)) continue;
    let depth = 0;
    let opened = false;
    const depths: number[] = [];
    let end = i;
    for (let j = i; j < lines.length; j++) {
      depths.push(Math.max(0, depth - 1));
      for (const char of lines[j]!.code) {
        if (char === "{") { depth++; opened = true; }
        if (char === "}") depth--;
      }
      end = j;
      if (opened && depth <= 0) break;
      if (!opened && j > i + 3) break;
    }
    // Arrow functions with an expression body have no braces: a one-line function.
    if (!opened && !/=>/.test(lines[i]!.code)) continue;
    spans.push({ name: match.slice(1).find(Boolean) ?? "anonymous", start: i, end, depths });
    i = opened ? i : end;
  }
  return spans;
}

function indentOf(text: string): number {
  return /^\s*/.exec(text.replace(/\t/g, "    "))![0].length;
}

function pythonSpans(lines: SourceLine[]): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(line.code);
    if (!match) return;
    const base = indentOf(match[1]!);
    const depths = [0];
    let end = i;
    let step = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const text = lines[j]!.code;
      if (!text.trim()) continue;
      const indent = indentOf(text);
      if (indent <= base) break;
      step = step || indent - base;
      while (depths.length < j - i) depths.push(depths[depths.length - 1] ?? 0);
      depths.push(Math.max(0, Math.round((indent - base) / step) - 1));
      end = j;
    }
    spans.push({ name: match[2]!, start: i, end, depths });
  });
  return spans;
}

/** The functions a hunk shows, for JS/TS, Go, Java and PHP (braces) and Python (indentation). */
export function functionSpans(lines: SourceLine[], language: Language): FunctionSpan[] {
  if (language === "python") return pythonSpans(lines);
  const start = BRACE_STARTS[language];
  return start ? braceSpans(lines, start) : [];
}
