import { describe, expect, it } from "vitest";
import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import { detectLanguage } from "../../../../src/intelligence/analysis/language";
import { EVAL_HUNKS } from "../../../fixtures/diffs/eval-set";
import type { EvalHunk } from "../../../fixtures/diffs/parse-hunks";
import { precision, recall, scoreHunk, SECURITY_CATEGORIES, type Tally } from "../../../fixtures/diffs/score";

function evaluate(hunks: EvalHunk[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>(SECURITY_CATEGORIES.map((category) => [category, { tp: 0, fp: 0, fn: 0 }]));
  for (const hunk of hunks) {
    const file = { filename: hunk.filename, status: "modified" as const, additions: hunk.added, deletions: 0, changes: hunk.added, patch: hunk.patch };
    scoreHunk(hunk, analyzeChanges([file]).findings, tallies);
  }
  return tallies;
}

function overall(tallies: Map<string, Tally>): Tally {
  return [...tallies.values()].reduce((sum, t) => ({ tp: sum.tp + t.tp, fp: sum.fp + t.fp, fn: sum.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
}

function row(name: string, tally: Tally): string {
  const p = precision(tally).toFixed(2);
  const r = recall(tally).toFixed(2);
  return `${name.padEnd(26)} ${String(tally.tp).padStart(3)} ${String(tally.fp).padStart(3)} ${String(tally.fn).padStart(3)}  P ${p}  R ${r}`;
}

const splits = {
  dev: EVAL_HUNKS.filter((hunk) => hunk.split === "dev"),
  holdout: EVAL_HUNKS.filter((hunk) => hunk.split === "holdout"),
  all: EVAL_HUNKS,
};
const results = Object.fromEntries(Object.entries(splits).map(([name, hunks]) => [name, evaluate(hunks)])) as Record<keyof typeof splits, Map<string, Tally>>;

describe("security rules on the labelled public evaluation set", () => {
  it("has enough hunks, in six languages, with a holdout of about a third", () => {
    expect(EVAL_HUNKS.length).toBeGreaterThanOrEqual(80);
    const languages = new Set(EVAL_HUNKS.map((hunk) => detectLanguage(hunk.filename)?.language).filter(Boolean));
    expect([...languages].sort()).toEqual(["go", "java", "javascript", "php", "python", "ruby", "typescript"]);
    expect(splits.holdout.length / EVAL_HUNKS.length).toBeGreaterThan(0.28);
    expect(EVAL_HUNKS.every((hunk) => /^\S+\/\S+ \S/.test(hunk.source))).toBe(true);
    expect(new Set(EVAL_HUNKS.map((hunk) => hunk.id)).size).toBe(EVAL_HUNKS.length);
  });

  it("prints precision and recall per category for dev, holdout and all", () => {
    const lines: string[] = [];
    for (const [name, tallies] of Object.entries(results)) {
      lines.push(`\n[${name}] ${splits[name as keyof typeof splits].length} hunks   category  TP  FP  FN`);
      for (const [category, tally] of tallies) lines.push(row(category, tally));
      lines.push(row("overall", overall(tallies)));
    }
    console.log(lines.join("\n"));
    expect(overall(results.all).tp).toBeGreaterThan(0);
  });

  it.each(SECURITY_CATEGORIES)("reaches precision >= 0.9 and recall >= 0.8 on all hunks for %s", (category) => {
    const tally = results.all.get(category)!;
    expect(tally.tp + tally.fn, `${category} has labelled positives`).toBeGreaterThan(0);
    expect(precision(tally)).toBeGreaterThanOrEqual(0.9);
    expect(recall(tally)).toBeGreaterThanOrEqual(0.8);
  });
});
