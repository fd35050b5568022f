import { GraphqlResponseError } from "@octokit/graphql";
import { RequestError } from "@octokit/request-error";
import { AppError } from "../errors";
import pLimit, { type LimitFunction } from "p-limit";
import { githubError } from "./github-request";
import { githubWriteError } from "./write-error";
import { getInstallationToken, tokenCacheKey } from "./installation-token";
import { GitHubRetryLaterError, rateLimitError, SECONDARY_LIMIT_MIN_WAIT_SECONDS } from "./rate-limit";

/** At most this many GitHub calls per installation at once in an isolate; GitHub penalises bursts with secondary limits. */
export const MAX_CONCURRENT_CALLS = 4;
/** Attempts inside one invocation for a transient failure of an idempotent call; longer waits go back to the queue. */
export const IN_INVOCATION_ATTEMPTS = 2;
const SHORT_BACKOFF_MS = 250;

const limits = new Map<number, LimitFunction>();
const limitFor = (installationId: number) => {
  let limit = limits.get(installationId);
  if (!limit) limits.set(installationId, (limit = pLimit(MAX_CONCURRENT_CALLS)));
  return limit;
};

export interface CallOptions {
  installationId: number;
  /** X-GitHub-Delivery of the event being handled, logged for correlation. */
  deliveryId: string;
  /** Completes "... while {doing}" in error messages. */
  doing: string;
  /** Only idempotent calls (reads, and writes that GitHub applies once however often sent) are retried after a transient failure. */
  idempotent: boolean;
  /** A write: a plain 403 or a 422 then becomes a distinct error that the queue must not retry. */
  write?: boolean;
}

// @octokit/request reports network failures as RequestError with status 500, so this covers them too.
const transient = (error: unknown) => error instanceof RequestError && (error.status === 0 || error.status >= 500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls GitHub as an installation: bounded concurrency, one token refresh after a 401, short jittered
 * retries of idempotent calls, and rate limits turned into GitHubRetryLaterError for the queue to wait out.
 * @octokit/plugin-retry and plugin-throttling are not used: they schedule waits with Bottleneck timers
 * that may outlive a Worker invocation, where waiting belongs to `message.retry({ delaySeconds })`.
 * @see https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
 */
export function callAsInstallation<T>(env: Env, options: CallOptions, call: (token: string) => Promise<T>): Promise<T> {
  return limitFor(options.installationId)(async () => {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await getInstallationToken(env, options.installationId);
      try {
        return await call(token);
      } catch (error) {
        const log = { deliveryId: options.deliveryId, installationId: options.installationId, doing: options.doing, attempt };
        if (error instanceof RequestError && error.status === 401 && !refreshed) {
          // The cached token was revoked or expired early; GitHub documents no other way to tell.
          console.warn("GitHub refused the installation token; refreshing it once", log);
          await env.TOKEN_KV.delete(tokenCacheKey(options.installationId));
          refreshed = true;
          continue;
        }
        const limited = rateLimitError(error);
        if (limited) {
          console.warn("GitHub rate limit", { ...log, delaySeconds: limited.delaySeconds });
          throw limited;
        }
        if (options.idempotent && transient(error) && attempt < IN_INVOCATION_ATTEMPTS) {
          console.warn("GitHub call failed; retrying", { ...log, error: String(error) });
          await sleep(SHORT_BACKOFF_MS * 2 ** (attempt - 1) * (0.5 + Math.random()));
          continue;
        }
        throw graphqlError(error, options.doing) ?? (options.write ? githubWriteError : githubError)(error, options.doing);
      }
    }
  });
}

/**
 * GraphQL reports most failures with 200 and an `errors` list: RATE_LIMITED waits like a 403 limit,
 * anything else (NOT_FOUND, FORBIDDEN, a bad field) will fail the same way again.
 * @see https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
function graphqlError(error: unknown, doing: string): AppError | undefined {
  if (!(error instanceof GraphqlResponseError)) return undefined;
  const types = error.errors?.map((e) => e.type) ?? [];
  if (types.includes("RATE_LIMITED")) return new GitHubRetryLaterError(SECONDARY_LIMIT_MIN_WAIT_SECONDS, "GraphQL RATE_LIMITED", error);
  return new AppError(502, "GITHUB_GRAPHQL_ERROR", `GitHub's GraphQL API refused the query while ${doing}: ${error.errors?.[0]?.message ?? "no message"}`, { cause: error });
}
