import { request } from "@octokit/request";
import { RequestError } from "@octokit/request-error";
import { ZodError } from "zod";
import { AppError, UpstreamUnavailableError } from "../errors";

export type GitHubAuth = { jwt: string } | { token: string };

/** GitHub's REST client for one deployment: `GITHUB_API_URL` as the root, so GHES and local fakes work. */
export function githubRequest(env: Pick<Env, "GITHUB_API_URL">, auth?: GitHubAuth) {
  const headers: Record<string, string> = {
    "user-agent": "chittyconnect",
    "x-github-api-version": "2022-11-28",
  };
  if (auth) headers.authorization = "jwt" in auth ? `Bearer ${auth.jwt}` : `token ${auth.token}`;
  return request.defaults({ baseUrl: env.GITHUB_API_URL.replace(/\/+$/, ""), headers });
}

/**
 * Turns a failed GitHub call into an AppError that says what to fix; `doing` completes
 * "GitHub refused ... while {doing}". Tokens never reach the message (octokit redacts them too).
 */
export function githubError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError(502, "GITHUB_UNEXPECTED_RESPONSE", `GitHub's answer while ${doing} did not have the documented shape; check that GITHUB_API_URL points at GitHub's REST API`, { cause: error });
  }
  if (!(error instanceof RequestError) || error.status === 0 || error.status >= 500) {
    return new UpstreamUnavailableError("GitHub", error);
  }
  if (error.status === 401) {
    return new AppError(502, "GITHUB_AUTH_FAILED", `GitHub refused the App's credentials while ${doing}; check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY`, { cause: error });
  }
  if (error.status === 404) {
    return new AppError(404, "GITHUB_NOT_FOUND", `GitHub found nothing while ${doing}; check that it belongs to this GitHub App`, { cause: error });
  }
  const headers = error.response?.headers ?? {};
  if (error.status === 429 || (error.status === 403 && (headers["x-ratelimit-remaining"] === "0" || headers["retry-after"]))) {
    return new AppError(503, "GITHUB_RATE_LIMITED", `GitHub rate-limited the App while ${doing}; wait a minute and try again`, { cause: error });
  }
  if (error.status === 403) {
    return new AppError(502, "GITHUB_FORBIDDEN", `GitHub refused access while ${doing}; check the App's permissions on GitHub`, { cause: error });
  }
  return new AppError(502, "GITHUB_ERROR", `GitHub answered ${error.status} while ${doing}`, { cause: error });
}
