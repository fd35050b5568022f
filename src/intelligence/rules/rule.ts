import type { Severity } from "../analysis/finding";
import type { FileLanguage, Language } from "../analysis/language";
import type { SourceLine } from "../analysis/source-lines";
import type { ResolvedOptions } from "../analysis/resolve-options";

/** What a rule sees: one hunk's new-file lines (context and added), lexed, and where they come from. */
export interface HunkContext {
  path: string;
  language: FileLanguage | null;
  lines: SourceLine[];
}

/** A rule's raw result; the engine adds the category, path and fingerprint. */
export interface RuleHit {
  ruleId: string;
  severity: Severity;
  line: number;
  endLine?: number;
  message: string;
  /** Shown to people and hashed into the fingerprint: redact anything secret before returning it. */
  evidence: string;
  suggestion: string;
}

export interface Rule {
  /** The rule id, or its prefix when hits carry a more precise id (`security/hardcoded-secret/<kind>`). */
  id: string;
  /** Languages the rule reads; absent means every file, code or not. */
  languages?: readonly Language[];
  /** Template files (ERB, Blade, Vue, Django HTML) are read too. */
  templates?: boolean;
  check(context: HunkContext, options: ResolvedOptions): RuleHit[];
}

/** Evidence is the trimmed source line, cut so that a minified line cannot flood a comment. */
export function evidenceOf(line: SourceLine, max = 160): string {
  const text = line.raw.trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Runs `test` on each added line and turns every match into a hit built by `hit`. */
export function perAddedLine(
  context: HunkContext,
  test: (line: SourceLine, index: number) => Omit<RuleHit, "line" | "evidence"> | null,
): RuleHit[] {
  const hits: RuleHit[] = [];
  context.lines.forEach((line, index) => {
    if (!line.added) return;
    const found = test(line, index);
    if (found) hits.push({ ...found, line: line.newLine, evidence: evidenceOf(line) });
  });
  return hits;
}
