import { pathKind } from "../../analysis/path-kind";
import type { ChangeRule } from "../registry";

/** Source code changed and no test file did: the change is only as tested as it was before. */
export const missingTestsRule: ChangeRule = {
  id: "quality/no-tests",
  check(files) {
    const source = files.filter(({ file, patch }) => pathKind(file.filename) === "source" && patch.additions + patch.deletions > 0);
    if (source.length === 0 || files.some(({ file }) => pathKind(file.filename) === "tests")) return [];
    const lines = source.reduce((sum, { patch }) => sum + patch.additions + patch.deletions, 0);
    return [
      {
        ruleId: "quality/no-tests",
        severity: lines > 50 ? "medium" : "low",
        line: 0,
        message: `${source.length} source file(s) changed (${lines} lines) and no test file changed.`,
        evidence: source.map(({ file }) => file.filename).sort().join(", "),
        suggestion: "Add or update a test that fails without this change.",
        // One finding about the whole change, whichever files it lists after the next push.
        identity: "the change",
      },
    ];
  },
};
