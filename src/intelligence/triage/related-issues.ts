import { createBm25Index } from "./bm25";
import { tokenize } from "./tokenize";
import type { RecentIssue } from "./triage-input";

export interface RelatedIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  /** BM25 score divided by the query's score against itself: about 1 for a near-duplicate, 0 for nothing shared. */
  score: number;
}

/**
 * Chosen by ranking the 126 fixture issues against each other: issues on the same subject (pandas groupby.apply,
 * rubocop's indentation cop, dark-mode requests) mostly scored 0.28–0.75, unrelated pairs mostly under 0.25.
 */
export const RELATED_THRESHOLD = 0.25;
const LIMIT = 3;
// Titles say what an issue is about in few words; counting their terms twice keeps long bodies from drowning them.
const TITLE_WEIGHT = 2;
// Long pasted logs would dominate term counts, and tokenising them is most of the CPU cost against 500 issues;
// the first part of a body carries the description.
const BODY_CHARS = 2_000;

function terms(title: string, body: string | null | undefined): string[] {
  const titleTerms = tokenize(title);
  const weighted: string[] = [];
  for (let i = 0; i < TITLE_WEIGHT; i += 1) weighted.push(...titleTerms);
  return weighted.concat(tokenize((body ?? "").slice(0, BODY_CHARS)));
}

/** Up to three earlier issues most similar to this one by BM25 over title and body, above the threshold. */
export function findRelatedIssues(issue: { number: number; title: string; body?: string | null }, recent: readonly RecentIssue[]): RelatedIssue[] {
  const candidates = recent.filter((r) => r.number !== issue.number);
  const query = terms(issue.title, issue.body);
  if (candidates.length === 0 || query.length === 0) return [];
  const index = createBm25Index(candidates.map((c) => terms(c.title, c.body)));
  const ceiling = index.selfScore(query);
  if (ceiling <= 0) return [];
  return index
    .scores(query)
    .map((raw, i) => ({ candidate: candidates[i], score: Math.round((raw / ceiling) * 1000) / 1000 }))
    .filter((r): r is { candidate: RecentIssue; score: number } => r.candidate !== undefined && r.score >= RELATED_THRESHOLD)
    .sort((a, b) => b.score - a.score || b.candidate.number - a.candidate.number)
    .slice(0, LIMIT)
    .map(({ candidate, score }) => ({ number: candidate.number, title: candidate.title, state: candidate.state, score }));
}
