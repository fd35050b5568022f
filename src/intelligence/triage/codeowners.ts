import picomatch from "picomatch";

/** One CODEOWNERS line: a path pattern and whoever owns what it matches. */
export interface CodeownersRule {
  pattern: string;
  /** `@user`, `@org/team` or an e-mail address, as written. */
  owners: string[];
  line: number;
  matches(path: string): boolean;
}

/**
 * Parses GitHub's CODEOWNERS syntax. Patterns follow gitignore rules with GitHub's documented exceptions:
 * a pattern without a slash (or with only a trailing one) matches at any depth; a leading or inner slash
 * anchors it at the root; a trailing slash or a plain name also covers everything beneath; `docs/*` covers
 * only direct children; `!` negation and `[ ]` ranges are not supported and such lines are skipped.
 * @see https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
 */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (pattern === undefined || pattern.startsWith("!") || /[[\]]/.test(pattern)) return;
    const matchers = globsFor(pattern).map((glob) => picomatch(glob, { dot: true }));
    rules.push({ pattern, owners, line: index + 1, matches: (path) => matchers.some((m) => m(normalisePath(path))) });
  });
  return rules;
}

/** The rule that decides who owns `path`: the last matching one, as GitHub applies them. */
export function ownersOf(path: string, rules: readonly CodeownersRule[]): CodeownersRule | null {
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const rule = rules[i];
    if (rule?.matches(path)) return rule;
  }
  return null;
}

function globsFor(pattern: string): string[] {
  const anchored = pattern.startsWith("/") || pattern.replace(/\/+$/, "").includes("/");
  const body = pattern.replace(/^\/+/, "").replace(/\/+$/, "");
  if (body === "" || body === "*" || body === "**") return ["**"];
  const base = anchored || body.startsWith("**/") ? body : `**/${body}`;
  const lastSegment = body.split("/").pop() ?? "";
  // `docs/*` owns files directly in docs/ only; a name without wildcards also owns everything beneath it.
  return lastSegment.includes("*") && !lastSegment.startsWith("**") ? [base] : [base, `${base}/**`];
}

function normalisePath(path: string): string {
  return path.trim().replace(/^\.?\/+/, "");
}
