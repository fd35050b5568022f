import { z } from "zod";

/**
 * A repository as GitHub names it, `owner/name`: owners are 1 to 39 letters, digits and hyphens; names up to
 * 100 letters, digits, `.`, `_` and `-`. Compared without case, as GitHub does.
 * @see https://docs.github.com/en/repositories/creating-and-managing-repositories/about-repositories
 */
export const repositoryName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, "repository must be `owner/name`, as GitHub names it")
  .refine((name) => !name.endsWith("/.") && !name.endsWith("/.."), "repository must be `owner/name`, as GitHub names it");

/** A pull request's number in its repository. */
export const pullRequestNumber = z.number().int().min(1, "number must be a pull request number (1 or more)").max(2_147_483_647);
