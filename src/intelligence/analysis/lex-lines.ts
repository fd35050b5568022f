import type { Interpolation, LexerConfig, QuoteSpec } from "./lexer-config";

/** The filler that replaces string contents in `code`: neither a word character nor whitespace. */
export const MASK = "\u00b7";

/** Characters that can end a string, escape, or start an interpolation; everything else is copied in runs. */
const STRING_STOPS = new Set(["\\", '"', "'", "`", "$", "#", "{"]);

export interface StringToken {
  /** The literal's text on this line, without quotes (interpolations included as written). */
  text: string;
  quote: string;
  /** Contains an interpolated expression (`${}`, `#{}`, f-string `{}`, PHP `$var`). */
  interpolated: boolean;
  /** Python prefix letters such as `f` or `rb`. */
  prefix: string;
  start: number;
}

export interface LexedLine {
  /** The line with comments blanked and string contents replaced by MASK (interpolations kept as code). */
  code: string;
  comment: string;
  strings: StringToken[];
}

interface State {
  block: boolean;
  quote?: QuoteSpec;
  prefix: string;
  /** Open interpolations: brace depth inside each `${`...`}` we are in, innermost last. */
  interp: { quote: QuoteSpec; prefix: string; depth: number; token?: StringToken }[];
}

function interpolationOpens(kind: Interpolation | undefined, prefix: string, line: string, i: number): number {
  if (kind === "dollar-brace" && line.startsWith("${", i)) return 2;
  if (kind === "hash-brace" && line.startsWith("#{", i)) return 2;
  if (kind === "php" && line.startsWith("{$", i)) return 1;
  if (prefix.includes("f") && line[i] === "{" && line[i + 1] !== "{") return 1;
  return 0;
}

const CODE_STOPS = new WeakMap<LexerConfig, RegExp>();

/**
 * Plain code runs up to the next character that can start a string or comment (or end an interpolation);
 * jumping there in one step instead of walking every character keeps lexing cheap. One regex per language.
 */
function codeStopFor(config: LexerConfig): RegExp {
  let stop = CODE_STOPS.get(config);
  if (!stop) {
    const tokens = [...config.lineComments, ...config.quotes.map((q) => q.open), config.blockComment?.[0] ?? "", "{", "}"];
    const starts = new Set(tokens.map((t) => t[0]).filter((c): c is string => Boolean(c)));
    stop = new RegExp(`[${[...starts].map((c) => `\\${c}`).join("")}]`, "g");
    CODE_STOPS.set(config, stop);
  }
  return stop;
}

/**
 * A small per-language lexer over consecutive lines: enough to tell code from strings and comments, so
 * that `eval` inside a string or a comment is not a call. Single-line strings end at the end of a line,
 * which keeps a stray apostrophe (JSX text, regex literals) from masking the rest of the hunk.
 */
export function createLineLexer(config: LexerConfig): (line: string) => LexedLine {
  const state: State = { block: false, prefix: "", interp: [] };
  const codeStop = codeStopFor(config);
  return (line) => {
    let code = "";
    let comment = "";
    const strings: StringToken[] = [];
    let token: StringToken | undefined = state.quote
      ? { text: "", quote: state.quote.open, interpolated: false, prefix: state.prefix, start: 0 }
      : undefined;
    let i = 0;
    while (i < line.length) {
      if (state.block) {
        const end = line.indexOf(config.blockComment![1], i);
        const stop = end < 0 ? line.length : end + config.blockComment![1].length;
        comment += line.slice(i, stop);
        code += " ".repeat(stop - i);
        i = stop;
        if (end >= 0) state.block = false;
        continue;
      }
      if (state.quote && token) {
        const quote = state.quote;
        if (quote.escapes && line[i] === "\\") {
          token.text += line.slice(i, i + 2);
          code += MASK.repeat(Math.min(2, line.length - i));
          i += 2;
          continue;
        }
        if (line.startsWith(quote.close, i)) {
          code += quote.close;
          i += quote.close.length;
          strings.push(token);
          token = undefined;
          state.quote = undefined;
          continue;
        }
        const opens = interpolationOpens(quote.interpolation, state.prefix, line, i);
        if (opens > 0) {
          token.interpolated = true;
          code += line.slice(i, i + opens);
          token.text += line.slice(i, i + opens);
          state.interp.push({ quote, prefix: state.prefix, depth: 0, token });
          token = undefined;
          state.quote = undefined;
          i += opens;
          continue;
        }
        if (quote.interpolation === "php" && line[i] === "$" && /[A-Za-z_]/.test(line[i + 1] ?? "")) {
          const name = /^\$[A-Za-z_]\w*/.exec(line.slice(i))![0];
          token.interpolated = true;
          token.text += name;
          code += name;
          i += name.length;
          continue;
        }
        let run = i + 1;
        while (run < line.length && !STRING_STOPS.has(line[run]!)) run++;
        token.text += line.slice(i, run);
        code += MASK.repeat(run - i);
        i = run;
        continue;
      }
      codeStop.lastIndex = i;
      const stop = codeStop.exec(line);
      const next = stop ? stop.index : line.length;
      if (next > i) {
        code += line.slice(i, next);
        i = next;
        continue;
      }
      const open = state.interp[state.interp.length - 1];
      if (open && line[i] === "{") open.depth++;
      if (open && line[i] === "}") {
        if (open.depth === 0) {
          state.interp.pop();
          state.quote = open.quote;
          state.prefix = open.prefix;
          code += "}";
          i++;
          token = open.token ?? { text: "", quote: open.quote.open, interpolated: true, prefix: open.prefix, start: i };
          token.text += "}";
          continue;
        }
        open.depth--;
      }
      if (config.blockComment && line.startsWith(config.blockComment[0], i)) {
        state.block = true;
        continue;
      }
      const lineComment = config.lineComments.find((c) => line.startsWith(c, i) && !(c === "#" && line[i + 1] === "["));
      if (lineComment && !state.interp.length) {
        comment += line.slice(i);
        code += " ".repeat(line.length - i);
        break;
      }
      const quote = config.quotes.find((spec) => line.startsWith(spec.open, i));
      if (quote) {
        // Python prefixes (f, rb, ...) were already copied as code: recognise them looking back.
        const prefix = config.pythonPrefixes ? (/(?:^|[^\w])([rRbBuUfF]{1,2})$/.exec(code)?.[1]?.toLowerCase() ?? "") : "";
        code += quote.open;
        token = { text: "", quote: quote.open, interpolated: false, prefix, start: i - prefix.length };
        state.quote = quote;
        state.prefix = prefix;
        i += quote.open.length;
        continue;
      }
      code += line[i];
      i++;
    }
    if (token && !strings.includes(token)) strings.push(token);
    for (const open of state.interp) if (open.token && !strings.includes(open.token)) strings.push(open.token);
    if (state.quote && !state.quote.multiline) state.quote = undefined;
    // An interpolation left open in a single-line string cannot continue on the next line.
    while (state.interp.length && !state.interp[state.interp.length - 1]!.quote.multiline) state.interp.pop();
    return { code, comment, strings };
  };
}
