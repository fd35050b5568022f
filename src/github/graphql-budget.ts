import { z } from "zod";
import { GitHubRetryLaterError } from "./rate-limit";

/** Below this many points left, an installation's GraphQL calls wait for the reset instead of spending the rest. */
export const LOW_GRAPHQL_BUDGET = 100;

/** What every query asks for: `rateLimit { cost remaining resetAt }`. */
export const rateLimitInfo = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.iso.datetime({ offset: true }) });
export type RateLimitInfo = z.infer<typeof rateLimitInfo>;

// Per isolate: each isolate learns the budget from its own answers, which is enough to stop spending a
// nearly exhausted one; GitHub's own 403 stays the last word.
const exhaustedUntil = new Map<number, number>();

/**
 * Refuses a GraphQL call for an installation whose budget was last seen low, until GitHub's reset.
 * @see https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
export function checkGraphqlBudget(installationId: number, now = Date.now()): void {
  const until = exhaustedUntil.get(installationId);
  if (until === undefined) return;
  if (until <= now) {
    exhaustedUntil.delete(installationId);
    return;
  }
  throw new GitHubRetryLaterError(Math.ceil((until - now) / 1000), "GraphQL budget low");
}

/** Remembers the budget a query reported, so the next call backs off when it is low. */
export function noteGraphqlBudget(installationId: number, rateLimit: RateLimitInfo): void {
  if (rateLimit.remaining < LOW_GRAPHQL_BUDGET) exhaustedUntil.set(installationId, Date.parse(rateLimit.resetAt));
  else exhaustedUntil.delete(installationId);
}
