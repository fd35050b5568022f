import type { FakeGitHub } from "./fake-github";
import type { Json } from "./http";
import { resourceNotAccessible } from "./http";
import type { FakeRepository } from "./repository";

/** A request to `/repos/{owner}/{repo}/...` by an installation that may reach the repository. */
export interface RepoRequest {
  github: FakeGitHub;
  url: URL;
  body: Json | undefined;
  installationId: number;
  repo: FakeRepository;
}

export interface RepoRoute {
  method: string;
  /** Matched against the path after `/repos/{owner}/{repo}`. */
  path: RegExp;
  handle: (request: RepoRequest, match: RegExpExecArray) => Response;
}

/**
 * GitHub's refusal of a write the installation may not make: 403 naming the permissions GitHub would
 * accept when none is granted for writing, or the read-only answer for an archived repository.
 */
export function refuseWrite(request: RepoRequest, permissions: string[]): Response | undefined {
  if (request.repo.isArchived) return new Response(JSON.stringify({ message: "Repository was archived so is read-only." }), { status: 403, headers: { "content-type": "application/json" } });
  const granted = (request.github.installations.get(request.installationId)?.permissions ?? {}) as Record<string, string>;
  if (permissions.some((p) => granted[p] === "write" || granted[p] === "admin")) return undefined;
  return resourceNotAccessible(permissions.map((p) => `${p}=write`).join("; "));
}

/** The permissions GitHub accepts for writing to an issue's conversation: issues, or pull_requests on a pull request. */
export const conversationPermissions = (repo: FakeRepository, number: number) =>
  repo.issues.get(number)?.pull ? ["issues", "pull_requests"] : ["issues"];
