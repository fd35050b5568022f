import { RequestError } from "@octokit/request-error";
import { z } from "zod";
import { AppError } from "../errors";
import { githubError } from "./github-request";

/** The body GitHub sends with a refused write: a message and, for 422, the fields it found wrong. */
const refusal = z.object({
  message: z.string().optional(),
  errors: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
});

/**
 * GitHub refused a write for want of permission: a token without `checks:write`, `issues:write` or
 * `pull_requests:write`, or a repository that does not let the App write (a fork's pull request, an
 * archived repository). Sending it again changes nothing until someone changes the App's permissions,
 * so it is not retryable; `acceptedPermissions` is GitHub's `x-accepted-github-permissions` header.
 * @see https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#insufficient-permission-errors
 */
export class GitHubWriteForbiddenError extends AppError {
  constructor(
    readonly refused: string,
    readonly githubMessage: string,
    readonly acceptedPermissions: string | null,
    cause?: unknown,
  ) {
    const needs = acceptedPermissions ? ` (GitHub accepts ${acceptedPermissions})` : "";
    super(502, "GITHUB_WRITE_FORBIDDEN", `GitHub refused the App's write while ${refused}: ${githubMessage}${needs}; grant the App that permission on the installation, or expect no writes here`, {
      cause,
      details: { refused, githubMessage, acceptedPermissions },
    });
  }
}

/**
 * GitHub found a write invalid (HTTP 422, "Validation Failed"): say, an annotation without a path or with
 * lines GitHub will not take. The same request fails the same way again, so it is not retryable.
 */
export class GitHubWriteRejectedError extends AppError {
  constructor(
    readonly refused: string,
    readonly githubMessage: string,
    readonly githubErrors: unknown[],
    cause?: unknown,
  ) {
    super(502, "GITHUB_WRITE_REJECTED", `GitHub rejected the App's write as invalid while ${refused}: ${githubMessage}; fix what is sent`, {
      cause,
      details: { refused, githubMessage, errors: githubErrors },
    });
  }
}

/**
 * githubError for writes: a plain 403 (rate limits are recognised before this) and a 422 get their
 * own codes, so that a caller can record "could not publish" instead of retrying in a storm.
 */
export function githubWriteError(error: unknown, doing: string): AppError {
  if (!(error instanceof RequestError) || (error.status !== 403 && error.status !== 422)) return githubError(error, doing);
  const body = refusal.safeParse(error.response?.data);
  const message = (body.success && body.data.message) || error.message;
  if (error.status === 422) return new GitHubWriteRejectedError(doing, message, (body.success && body.data.errors) || [], error);
  const accepted = error.response?.headers["x-accepted-github-permissions"];
  return new GitHubWriteForbiddenError(doing, message, accepted === undefined ? null : String(accepted), error);
}
