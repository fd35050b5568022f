import { evidenceOf, type HunkContext, type Rule, type RuleHit } from "../rule";
import type { ResolvedOptions } from "../../analysis/resolve-options";
import { cyclomaticComplexity } from "./cyclomatic";
import { functionSpans } from "./function-spans";

/**
 * Per changed function (one with an added line): cyclomatic complexity over the threshold, too many added
 * lines, and blocks nested deeper than allowed. Each points at the signature when it was added, else at the
 * function's first added line, and its evidence is the signature so the fingerprint survives edits below it.
 */
function check(context: HunkContext, options: ResolvedOptions): RuleHit[] {
  const { language } = context.language!;
  const hits: RuleHit[] = [];
  for (const span of functionSpans(context.lines, language)) {
    const lines = context.lines.slice(span.start, span.end + 1);
    const firstAdded = lines.find((line) => line.added);
    if (!firstAdded) continue;
    const signature = context.lines[span.start]!;
    const at = signature.added ? signature : firstAdded;
    const evidence = evidenceOf(signature);
    const complexity = cyclomaticComplexity(lines.slice(1), language) + cyclomaticComplexity([signature], language) - 1;
    if (complexity > options.complexityThreshold && language !== "java" && language !== "php") {
      hits.push({
        ruleId: "complexity/cyclomatic",
        severity: complexity > options.complexityThreshold * 2 ? "medium" : "low",
        line: at.newLine,
        message: `\`${span.name}\` has a cyclomatic complexity of about ${complexity} (threshold ${options.complexityThreshold}).`,
        evidence,
        suggestion: "Extract branches into named helpers, return early, or replace condition chains with a lookup table.",
      });
    }
    const addedCount = lines.filter((line) => line.added).length;
    if (addedCount > options.maxFunctionLines) {
      hits.push({
        ruleId: "quality/long-function",
        severity: "low",
        line: at.newLine,
        message: `\`${span.name}\` gains ${addedCount} lines in this change (limit ${options.maxFunctionLines}).`,
        evidence,
        suggestion: "Split it into smaller functions that each do one thing.",
      });
    }
    const deepest = lines.reduce<{ depth: number; index: number }>(
      (best, line, index) => (line.added && (span.depths[index] ?? 0) > best.depth ? { depth: span.depths[index]!, index } : best),
      { depth: 0, index: -1 },
    );
    if (deepest.depth > options.maxNestingDepth) {
      hits.push({
        ruleId: "quality/deep-nesting",
        severity: "low",
        line: lines[deepest.index]!.newLine,
        message: `Code in \`${span.name}\` is nested ${deepest.depth} blocks deep (limit ${options.maxNestingDepth}).`,
        evidence,
        suggestion: "Return early, invert conditions, or extract the inner block into a function.",
      });
    }
  }
  return hits;
}

export const functionRules: Rule = {
  id: "complexity/cyclomatic",
  languages: ["javascript", "typescript", "python", "go", "java", "php"],
  check,
};
