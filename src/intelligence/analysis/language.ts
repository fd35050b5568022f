export const LANGUAGES = ["javascript", "typescript", "python", "go", "java", "ruby", "php"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * `code` files are lexed (strings and comments told apart); `template` files mix markup and code
 * (ERB, Blade, Vue single-file components, Django/Jinja HTML), so rules read their lines as written.
 */
export interface FileLanguage {
  language: Language;
  kind: "code" | "template";
}

const BY_EXTENSION: Record<string, Language> = {
  js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript",
  ts: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript",
  py: "python", pyw: "python",
  go: "go",
  java: "java",
  rb: "ruby", rake: "ruby", gemspec: "ruby",
  php: "php", phtml: "php",
};

const TEMPLATES: [RegExp, Language][] = [
  [/\.blade\.php$/i, "php"],
  [/\.erb$/i, "ruby"],
  [/\.vue$/i, "javascript"],
  [/\.(html|htm|jinja|jinja2|j2|djhtml)$/i, "python"],
];

/** The language of a path by its extension, or null for files no code rule applies to (docs, data). */
export function detectLanguage(path: string): FileLanguage | null {
  for (const [pattern, language] of TEMPLATES) if (pattern.test(path)) return { language, kind: "template" };
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "Rakefile" || name === "Gemfile") return { language: "ruby", kind: "code" };
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  const language = BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
  return language ? { language, kind: "code" } : null;
}

export function isJavaScriptLike(language: Language): boolean {
  return language === "javascript" || language === "typescript";
}
