import type { RepositoryRef } from "../../../src/github/repository-ref";
import type { FakeGitHub } from "./fake-github";
import type { FakeRepository } from "./repository";
import { installationResource } from "./resources";

/**
 * A fresh installation with one repository in the fake GitHub, and the ref to call it with. Ids are
 * random so that tests sharing storage (token cache, GraphQL budget) never meet.
 */
export function givenRepository(
  github: FakeGitHub,
  options: { permissions?: Record<string, string>; name?: string } = {},
): { installationId: number; repo: FakeRepository; ref: RepositoryRef } {
  const installationId = 60_000_000 + Math.floor(Math.random() * 30_000_000);
  github.installations.set(installationId, installationResource(installationId, options.permissions ? { permissions: options.permissions } : {}));
  const repo = github.addRepository(installationId, options.name ?? `octo-org-${installationId}/app`);
  return { installationId, repo, ref: { installationId, deliveryId: crypto.randomUUID(), owner: repo.owner, name: repo.name } };
}
