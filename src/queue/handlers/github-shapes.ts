import { z } from "zod";

/**
 * The repository object every repository event carries: only the fields the handlers use. Its owner is
 * left out on purpose: push payloads may carry `owner: null` (GitHub's webhook schema), while
 * `full_name` always names the owner, whether a user, an organization or an enterprise.
 * @see https://github.com/octokit/openapi-webhooks (webhook-push, repository-webhooks)
 */
export const repositoryShape = z.object({
  node_id: z.string().min(1),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
  name: z.string().min(1),
});

/** The owner's login, from `owner/name`. */
export const ownerOf = (repository: { full_name: string }) => repository.full_name.slice(0, repository.full_name.indexOf("/"));

/** Who did it, as GitHub names them (a deleted account is `ghost`); absent for some automated events. */
export const senderShape = z.object({ login: z.string() }).nullish();

/**
 * The installation an event names: only App deliveries carry one. Repository and organization webhooks
 * send the same events without it, so it is optional everywhere but the installation events themselves.
 */
export const installationRef = z.object({ id: z.number().int().positive() }).optional();
