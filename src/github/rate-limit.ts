import { RequestError } from "@octokit/request-error";
import { AppError } from "../errors";

/** GitHub asks for at least a minute when a secondary rate limit names no wait of its own. */
export const SECONDARY_LIMIT_MIN_WAIT_SECONDS = 60;

/**
 * GitHub cannot take the call now, and says (or implies) how long to wait. The queue consumer turns this
 * into `message.retry({ delaySeconds })` rather than sleeping inside an invocation.
 */
export class GitHubRetryLaterError extends AppError {
  constructor(
    readonly delaySeconds: number,
    reason: string,
    cause?: unknown,
  ) {
    super(503, "GITHUB_RATE_LIMITED", `GitHub rate-limited the App (${reason}); the delivery is retried in ${delaySeconds} s`, { cause });
  }

  override get retryable(): boolean {
    return true;
  }
}

type Headers = Record<string, string | number | undefined>;

const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
};

/**
 * How long GitHub asks us to wait, in seconds: `retry-after` first, then `x-ratelimit-reset` when the
 * budget is spent; undefined when the headers say nothing.
 * @see https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
export function waitFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = Number(header(headers, "retry-after"));
  if (header(headers, "retry-after") !== undefined && Number.isFinite(retryAfter)) return Math.max(1, Math.ceil(retryAfter));
  const reset = Number(header(headers, "x-ratelimit-reset"));
  if (header(headers, "x-ratelimit-remaining") === "0" && Number.isFinite(reset)) return Math.max(1, Math.ceil(reset - now / 1000));
  return undefined;
}

const SECONDARY = /secondary rate limit|abuse detection/i;

/**
 * Recognises a primary or secondary rate limit (429, or 403 with an exhausted budget or the
 * secondary-limit message) and returns the error to retry later with; undefined for anything else.
 * @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export function rateLimitError(error: unknown, now = Date.now()): GitHubRetryLaterError | undefined {
  if (!(error instanceof RequestError) || (error.status !== 429 && error.status !== 403)) return undefined;
  const headers = (error.response?.headers ?? {}) as Headers;
  const wait = waitFromHeaders(headers, now);
  const secondary = SECONDARY.test(error.message);
  if (secondary) return new GitHubRetryLaterError(Math.max(wait ?? 0, SECONDARY_LIMIT_MIN_WAIT_SECONDS), "secondary rate limit", error);
  if (wait !== undefined) return new GitHubRetryLaterError(wait, `HTTP ${error.status}`, error);
  // A bare 429 still means "slow down"; a bare 403 is a permission problem, handled elsewhere.
  return error.status === 429 ? new GitHubRetryLaterError(SECONDARY_LIMIT_MIN_WAIT_SECONDS, "HTTP 429", error) : undefined;
}
