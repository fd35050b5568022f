import { analyzeChanges } from "../../../../src/intelligence/analysis/analyze";
import type { ChangedFile } from "../../../../src/intelligence/analysis/changed-file";
import { analysisOptionsFromConfig } from "../../../../src/intelligence/config/analysis-options";
import { defaultRepositoryConfig, type RepositoryConfig } from "../../../../src/intelligence/config/repository-config";
import { assembleReview, type ReviewInput } from "../../../../src/intelligence/review/review";
import { changedFile } from "../snippet";

/** A small pull request with one secret, one SQL injection, a TODO and no test change. */
export function samplePullRequest(): ChangedFile[] {
  return [
    changedFile("src/db/users.ts", [
      "export async function find(db, email) {",
      "  // TODO: paginate",
      '  return db.query("SELECT * FROM users WHERE email = \'" + email + "\'");',
      "}",
    ]),
    changedFile("src/config.ts", ['export const token = "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";']),
    { filename: "assets/logo.png", status: "added", additions: 0, deletions: 0, changes: 0 },
    changedFile("package-lock.json", ['  "lockfileVersion": 3,']),
  ];
}

export function reviewOf(files: ChangedFile[], config: RepositoryConfig = defaultRepositoryConfig(), extra: Partial<ReviewInput> = {}) {
  const analysis = analyzeChanges(files, analysisOptionsFromConfig(config.review));
  return assembleReview({ files, analysis, review: config.review, ...extra });
}
