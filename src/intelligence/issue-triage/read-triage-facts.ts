import { isThisDeploymentsApp } from "../../github/authorship";
import { fetchLabelsRemovedByOthers } from "../../github/label-events";
import { fetchCodeowners } from "../../github/queries/codeowners";
import { fetchIssue } from "../../github/queries/issue";
import { fetchRecentIssues } from "../../github/queries/recent-issues";
import { fetchRepositoryMetadata } from "../../github/queries/repository-metadata";
import type { RepositoryRef } from "../../github/repository-ref";
import { describeProblem } from "../config/config-problem";
import { repositoryConfigAt } from "../config/repository-config-at";
import type { RepositoryConfig } from "../config/repository-config";
import { readRecentAuthors } from "./recent-authors";
import type { TriageFacts } from "./plan-triage";

/** What triage found in GitHub: the facts to decide on, or why there is nothing to triage. */
export type TriageReading =
  | { kind: "facts"; facts: Omit<TriageFacts, "appliedBefore">; config: RepositoryConfig; configProblems: string[] }
  | { kind: "skipped"; reason: string; config: RepositoryConfig | null; configProblems: string[] };

/**
 * Reads what triage needs, as the installation: the repository's labels and default branch, the config file
 * there, the issue as it is now, and (only for the parts switched on) the recent 500 issues, CODEOWNERS, who
 * committed to the paths the issue names, and the labels people removed. Nothing is read for a part that is off.
 */
export async function readTriageFacts(env: Env, ref: RepositoryRef, number: number): Promise<TriageReading> {
  const metadata = await fetchRepositoryMetadata(env, ref);
  if (!metadata) return { kind: "skipped", reason: "GitHub no longer has the repository", config: null, configProblems: [] };
  const rev = metadata.defaultBranch?.headOid ?? "HEAD";
  const { config, problems } = await repositoryConfigAt(env, ref, rev);
  const configProblems = problems.map(describeProblem);
  const settings = config.triage;
  if (!settings.enabled) return { kind: "skipped", reason: "triage.enabled is false in .github/chittyconnect.yml", config, configProblems };
  const issue = await fetchIssue(env, ref, number);
  if (!issue) return { kind: "skipped", reason: "GitHub no longer has the issue", config, configProblems };
  const [recentIssues, codeowners, removed] = await Promise.all([
    settings.related ? fetchRecentIssues(env, ref) : [],
    settings.assignees && metadata.defaultBranch ? fetchCodeowners(env, ref, rev) : null,
    settings.labels || settings.priority ? fetchLabelsRemovedByOthers(env, ref, number, { isOurs: isThisDeploymentsApp(env) }) : { labels: [] },
  ]);
  const codeownersText = codeowners?.text ?? null;
  const recentAuthors = settings.assignees && metadata.defaultBranch ? await readRecentAuthors(env, ref, `${issue.title}\n${issue.body}`, codeownersText) : [];
  return {
    kind: "facts",
    config,
    configProblems,
    facts: {
      issue: { number: issue.number, title: issue.title, body: issue.body, author: issue.author, labels: issue.labels, reactions: issue.reactions },
      repositoryLabels: metadata.labels,
      recentIssues: recentIssues.map((r) => ({ number: r.number, title: r.title, body: r.body, state: r.state === "OPEN" ? "open" : "closed" })),
      codeowners: codeownersText,
      recentAuthors,
      removedByOthers: removed.labels,
    },
  };
}
