import type { FileRule } from "../registry";

/** One finding per file that grows by more added lines than the configured limit, on its first added line. */
export const largeFileRule: FileRule = {
  id: "quality/large-file",
  check({ file, patch, language }, options) {
    if (!language || patch.additions <= options.largeFileLines) return [];
    const first = Math.min(...patch.addedLines);
    return [
      {
        ruleId: "quality/large-file",
        severity: "low",
        line: first,
        message: `${patch.additions} lines are added to this file in one change (limit ${options.largeFileLines}).`,
        evidence: `${file.filename}: +${patch.additions} lines`,
        suggestion: "Split the file by concern, or the change into reviewable steps.",
      },
    ];
  },
};
