import { fetchCodeowners } from "../../github/queries/codeowners";
import { fetchReadme } from "../../github/queries/readme";
import { fetchRecentActivity, RECENT_ACTIVITY_DAYS } from "../../github/queries/recent-activity";
import { fetchRepositoryMetadata } from "../../github/queries/repository-metadata";
import type { RepositoryRef } from "../../github/repository-ref";
import { describeProblem } from "../config/config-problem";
import { repositoryConfigAt } from "../config/repository-config-at";
import { parseCodeowners } from "../triage/codeowners";
import { generateReadmeSummary } from "./generated-readme-summary";
import { summarizeReadme } from "./readme-summary";
import { CODEOWNERS_RULES_KEPT, OWNERS_PER_RULE_KEPT, type RepositoryContextData } from "./repository-context-data";

/**
 * A repository's context as GitHub describes it now: metadata (default branch, languages, topics), the README's
 * first paragraph and outline (with a generated summary, marked as such, when Workers AI is bound), activity over
 * the last 30 days, CODEOWNERS and the triage settings. Null when GitHub no longer has the repository.
 */
export async function readRepositoryContext(
  env: Env,
  ref: RepositoryRef,
  repository: { nodeId: string; fullName: string },
  now: number,
): Promise<RepositoryContextData | null> {
  const metadata = await fetchRepositoryMetadata(env, ref);
  if (!metadata) return null;
  const head = metadata.defaultBranch?.headOid ?? null;
  const rev = head ?? "HEAD";
  // An empty repository has no commit to read files at.
  const [readme, codeowners, activity, config] = await Promise.all([
    head ? fetchReadme(env, ref, rev) : null,
    head ? fetchCodeowners(env, ref, rev) : null,
    fetchRecentActivity(env, ref, { now }),
    repositoryConfigAt(env, ref, rev),
  ]);
  const readmeText = readme?.text ?? null;
  const generated = readmeText ? await generateReadmeSummary(env.AI, repository.fullName, readmeText) : { summary: null };
  if (generated.problem) console.warn("README summary not generated", { deliveryId: ref.deliveryId, repository: repository.fullName, problem: generated.problem });
  const totalBytes = metadata.languages.reduce((n, l) => n + l.size, 0);
  const rules = parseCodeowners(codeowners?.text ?? "");
  return {
    kind: "github.repository",
    repository: { nodeId: repository.nodeId, fullName: metadata.nameWithOwner, installationId: ref.installationId },
    description: metadata.description,
    isFork: metadata.isFork,
    isArchived: metadata.isArchived,
    defaultBranch: metadata.defaultBranch?.name ?? null,
    headOid: head,
    primaryLanguage: metadata.primaryLanguage,
    languages: metadata.languages.map((l) => ({ name: l.name, bytes: l.size, share: totalBytes > 0 ? Math.round((l.size / totalBytes) * 1000) / 1000 : 0 })),
    topics: metadata.topics,
    readme:
      readme && readmeText !== null
        ? { path: readme.path, ...summarizeReadme(readmeText), generated: generated.summary }
        : null,
    activity: { since: activity.since, days: RECENT_ACTIVITY_DAYS, commits: activity.commits, pullRequests: activity.pullRequests, issues: activity.issues },
    codeowners: codeowners
      ? {
          path: codeowners.path,
          rules: rules.slice(0, CODEOWNERS_RULES_KEPT).map((r) => ({ pattern: r.pattern, owners: r.owners.slice(0, OWNERS_PER_RULE_KEPT) })),
          truncated: rules.length > CODEOWNERS_RULES_KEPT,
        }
      : null,
    settings: { triage: config.config.triage, commands: config.config.commands, problems: config.problems.map(describeProblem) },
    refreshedAt: new Date(now).toISOString(),
  };
}
