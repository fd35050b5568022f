import { z } from "zod";

/**
 * A repository as `owner/name`: GitHub's logins are letters, digits and hyphens, repository names add `_` and `.`.
 * Anything else could not name a repository, so it is refused rather than looked up.
 */
export const repositoryFullName = z
  .string()
  .trim()
  .max(200, "repository must be at most 200 characters")
  .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/, "repository must be owner/name, as GitHub writes it");

/** An issue or pull request number: positive, within GitHub's 32-bit range. */
export const issueNumber = z.number().int("number must be a whole number").positive("number must be positive").max(2_147_483_647, "number is beyond GitHub's range");
