/** Something wrong in `.github/chittyconnect.yml`, and where: line and column when YAML knows them. */
export interface ConfigProblem {
  message: string;
  /** Dotted key path such as `review.fail_on`; empty for the whole file. */
  path: string;
  line?: number;
  column?: number;
}

/** "review.fail_on (line 3, column 12): ..." — the form shown in check runs and comments. */
export function describeProblem(problem: ConfigProblem): string {
  const where = problem.line ? ` (line ${problem.line}${problem.column ? `, column ${problem.column}` : ""})` : "";
  return `${problem.path || "file"}${where}: ${problem.message}`;
}
