import { GitHubRetryLaterError } from "../github/rate-limit";

/** First retry after about this long; each later attempt doubles it. */
export const BASE_DELAY_SECONDS = 5;
/** Queues accept delays up to 12 h; an outage longer than this gets retried every 15 min until max_retries. */
export const MAX_DELAY_SECONDS = 15 * 60;

/**
 * The delay for `message.retry({ delaySeconds })`: what GitHub asked for when it named a wait, else
 * exponential backoff with jitter (half to all of the doubled delay) so retries of a burst spread out.
 * @see https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/
 */
export function retryDelaySeconds(error: unknown, attempts: number, random = Math.random): number {
  const backoff = Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.ceil(backoff * (0.5 + random() / 2));
  if (error instanceof GitHubRetryLaterError) return Math.min(43_200, Math.max(error.delaySeconds, 1) + Math.ceil(random() * 5));
  return jittered;
}
