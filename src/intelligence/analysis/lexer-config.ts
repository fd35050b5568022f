import type { Language } from "./language";

/** How a string literal interpolates code: `${x}` (JS), `#{x}` (Ruby), `{x}` (Python f-strings), `$x` (PHP). */
export type Interpolation = "dollar-brace" | "hash-brace" | "brace" | "php";

export interface QuoteSpec {
  open: string;
  close: string;
  multiline: boolean;
  /** Backslash escapes apply (false for Go raw strings). */
  escapes: boolean;
  interpolation?: Interpolation;
}

export interface LexerConfig {
  lineComments: string[];
  blockComment?: [string, string];
  quotes: QuoteSpec[];
  /** Python string prefixes (f, r, b, u and pairs); an `f` turns on `{}` interpolation. */
  pythonPrefixes?: boolean;
}

const q = (open: string, multiline = false, interpolation?: Interpolation, escapes = true): QuoteSpec => ({
  open, close: open, multiline, escapes, interpolation,
});

const C_BLOCK: [string, string] = ["/*", "*/"];

export const LEXER_CONFIGS: Record<Language, LexerConfig> = {
  javascript: { lineComments: ["//"], blockComment: C_BLOCK, quotes: [q("`", true, "dollar-brace"), q('"'), q("'")] },
  typescript: { lineComments: ["//"], blockComment: C_BLOCK, quotes: [q("`", true, "dollar-brace"), q('"'), q("'")] },
  python: { lineComments: ["#"], quotes: [q('"""', true), q("'''", true), q('"'), q("'")], pythonPrefixes: true },
  go: { lineComments: ["//"], blockComment: C_BLOCK, quotes: [q("`", true, undefined, false), q('"'), q("'")] },
  java: { lineComments: ["//"], blockComment: C_BLOCK, quotes: [q('"""', true), q('"'), q("'")] },
  ruby: { lineComments: ["#"], quotes: [q('"', false, "hash-brace"), q("`", false, "hash-brace"), q("'")] },
  php: { lineComments: ["//", "#"], blockComment: C_BLOCK, quotes: [q('"', false, "php"), q("`", false, "php"), q("'")] },
};
