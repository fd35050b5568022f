import { type CodeownersRule, ownersOf, parseCodeowners } from "./codeowners";
import { findMentionedAreas } from "./mentioned-areas";
import type { RecentAuthor } from "./triage-input";

export interface AssigneeSuggestion {
  login: string;
  reasons: string[];
}

export interface AssigneeSuggestions {
  /** Up to three people, best first; never the author. */
  logins: AssigneeSuggestion[];
  /** Teams CODEOWNERS names for the same areas (`@org/team`); GitHub cannot assign a team to an issue. */
  teams: AssigneeSuggestion[];
}

export interface SuggestAssigneesInput {
  text: string;
  author: string | null | undefined;
  codeowners: string | null | undefined;
  recentAuthors: readonly RecentAuthor[];
}

const LIMIT = 3;
const MAX_COMMITS_COUNTED = 3;

/** Suggests who could own an issue from the paths and areas it mentions, CODEOWNERS and recent commit authors. */
export function suggestAssignees(input: SuggestAssigneesInput): AssigneeSuggestions {
  const rules = parseCodeowners(input.codeowners ?? "");
  // Folders CODEOWNERS names literally count as known even when nobody committed there recently.
  const ownedFolders = rules.map((r) => r.pattern).filter((p) => !/[*?]/.test(p) && p.endsWith("/")).map((p) => `${p.replace(/^\/+/, "")}*`);
  const knownPaths = [...new Set([...input.recentAuthors.map((a) => a.path), ...ownedFolders])];
  const areas = findMentionedAreas(input.text, knownPaths);
  const tally = new Map<string, { score: number; reasons: string[] }>();
  const credit = (owner: string, score: number, reason: string) => {
    const entry = tally.get(owner) ?? { score: 0, reasons: [] };
    entry.score += score;
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    tally.set(owner, entry);
  };
  const creditOwners = (rule: CodeownersRule | null, score: number, why: string) => {
    for (const owner of rule?.owners ?? []) credit(owner, score, `owns \`${rule?.pattern}\` in CODEOWNERS, ${why}`);
  };
  for (const path of areas.paths) {
    creditOwners(ownersOf(path, rules), 3, `which covers \`${path}\``);
    for (const a of input.recentAuthors.filter((r) => r.path === path)) credit(`@${a.login}`, 2, `recently committed to \`${path}\``);
  }
  for (const { folder, word } of areas.folders) {
    const inside = input.recentAuthors.filter((r) => r.path.startsWith(`${folder}/`));
    creditOwners(ownersOf(inside[0]?.path ?? `${folder}/file`, rules), 2, `and the issue mentions "${word}"`);
    const commits = new Map<string, number>();
    for (const a of inside) commits.set(a.login, (commits.get(a.login) ?? 0) + 1);
    for (const [login, n] of commits) credit(`@${login}`, Math.min(n, MAX_COMMITS_COUNTED), `${n} recent commit${n === 1 ? "" : "s"} under \`${folder}/\``);
  }
  const author = input.author?.replace(/^@/, "").toLowerCase();
  const ranked = [...tally]
    .filter(([owner]) => owner.startsWith("@") && owner.slice(1).toLowerCase() !== author)
    .sort(([a, x], [b, y]) => y.score - x.score || a.localeCompare(b))
    .map(([owner, { reasons }]) => ({ login: owner.slice(1), reasons }));
  return {
    logins: ranked.filter((r) => !r.login.includes("/")).slice(0, LIMIT),
    teams: ranked.filter((r) => r.login.includes("/")).slice(0, LIMIT),
  };
}
