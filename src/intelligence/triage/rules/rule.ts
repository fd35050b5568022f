import type { IssueDocument } from "../issue-document";
import type { IssueType } from "../issue-type";

/**
 * One piece of evidence for a type: `find` returns a human-readable description of what it saw, or null.
 * `weight` is the probability-like strength of that evidence alone; rules combine by noisy-OR.
 */
export interface EvidenceRule {
  type: IssueType;
  weight: number;
  /**
   * The reporter named the type themselves: with a title marker (`[Bug]`, `feat:`, `PERF:`), or by filling in
   * the type's issue template. Other types' evidence then counts for less (see classifyIssue); a title marker
   * outranks a template, because projects often share one template between bugs and performance reports.
   */
  marker?: "title" | "template";
  find(doc: IssueDocument): string | null;
}

/** A rule that fires when `pattern` matches the title; the evidence quotes the match. */
export function titleRule(type: IssueType, weight: number, pattern: RegExp, what: string): EvidenceRule {
  return { type, weight, find: (doc) => quote(what, "title", pattern.exec(doc.title)?.[0]) };
}

/** A title rule for the markers reporters and templates put in front of a title (`[Bug]:`, `docs:`, `PERF:`). */
export function markerRule(type: IssueType, weight: number, pattern: RegExp, what: string): EvidenceRule {
  return { ...titleRule(type, weight, pattern, what), marker: "title" };
}

/**
 * A rule that fires when `pattern` matches how the title starts: after its leading tags and prefixes, or, since a
 * title like `allow sudo: True/False to be set` reads as a prefix too, at the very start, unless the match is
 * itself the prefix (`make: *** No rule…`, `Display: window flickers`).
 */
export function subjectRule(type: IssueType, weight: number, pattern: RegExp, what: string): EvidenceRule {
  const atStart = (title: string) => {
    const m = pattern.exec(title);
    return m !== null && title.charAt(m.index + m[0].length) !== ":" ? m : null;
  };
  return { type, weight, find: (doc) => quote(what, "title", (pattern.exec(doc.subject) ?? atStart(doc.title))?.[0]) };
}

/** A rule that fires when `pattern` matches the prose of the body. */
export function proseRule(type: IssueType, weight: number, pattern: RegExp, what: string): EvidenceRule {
  return { type, weight, find: (doc) => quote(what, "body", pattern.exec(doc.prose)?.[0]) };
}

/** A rule that fires when one of the template section names appears as a heading. */
export function sectionRule(type: IssueType, weight: number, sections: readonly string[], template = false): EvidenceRule {
  return {
    type,
    weight,
    ...(template ? { marker: "template" as const } : {}),
    find(doc) {
      const hit = sections.find((s) => doc.headings.some((h) => h.startsWith(s)));
      return hit === undefined ? null : `template section "${capitalise(hit)}"`;
    },
  };
}

function quote(what: string, where: string, match: string | undefined): string | null {
  if (match === undefined) return null;
  const shown = match.trim().replace(/\s+/g, " ").slice(0, 40);
  return `${what} in ${where}: "${shown}"`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
