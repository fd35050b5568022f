import type { HunkContext, Rule, RuleHit } from "../rule";
import { perAddedLine } from "../rule";

const MARKER = /\b(TODO|FIXME|XXX|HACK)\b/;

function check(context: HunkContext): RuleHit[] {
  return perAddedLine(context, (line) => {
    const marker = MARKER.exec(line.comment)?.[1];
    if (!marker) return null;
    return {
      ruleId: "quality/todo",
      severity: "info",
      message: `A ${marker} comment is added: unfinished work that tends to outlive the pull request.`,
      suggestion: "Finish it in this change, or open an issue and reference it in the comment.",
    };
  });
}

/** Reads comments of code files only: a TODO list in a Markdown file is content, not a leftover. */
export const todoRule: Rule = {
  id: "quality/todo",
  languages: ["javascript", "typescript", "python", "go", "java", "ruby", "php"],
  check,
};
