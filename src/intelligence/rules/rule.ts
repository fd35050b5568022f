import type { Severity } from "../analysis/finding";
import type { FileLanguage, Language } from "../analysis/language";
import type { SourceLine } from "../analysis/source-lines";
import type { PathKind } from "../analysis/path-kind";
import type { ResolvedOptions } from "../analysis/resolve-options";

/** What a rule sees: one hunk's new-file lines (context and added), lexed, and where they come from. */
export interface HunkContext {
  path: string;
  language: FileLanguage | null;
  lines: SourceLine[];
  /** What the file is (tests, docs, source...), computed once per file rather than per rule. */
  pathKind: PathKind;
  /** A command-line entry point or script, where printing is the point. */
  script: boolean;
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
  /**
   * Hashed into the fingerprint instead of the evidence, for a hit whose evidence changes while the problem stays
   * the same (the list of untested files grows with each push): otherwise every push would resolve it and open it anew.
   */
  identity?: string;
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

/**
 * Runs `test` on each added line and turns every match into a hit. `hint` is a cheap first test on the raw
 * line: a rule's keywords, so the many lines without them skip its longer patterns.
 */
export function perAddedLine(
  context: HunkContext,
  test: (line: SourceLine, index: number) => Omit<RuleHit, "line" | "evidence"> | null,
  hint?: RegExp,
): RuleHit[] {
  const hits: RuleHit[] = [];
  context.lines.forEach((line, index) => {
    if (!line.added || (hint && !hint.test(line.raw))) return;
    const found = test(line, index);
    if (found) hits.push({ ...found, line: line.newLine, evidence: evidenceOf(line) });
  });
  return hits;
}
