import { z } from "zod";
import { InvalidInputError } from "../errors";

/**
 * Checks what is about to be written against GitHub's documented limits before sending it: GitHub would
 * answer 422 anyway, and a request that is never sent cannot be half applied.
 */
export function parseWriteInput<T>(schema: z.ZodType<T>, value: unknown, doing: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    `Not sent to GitHub while ${doing}, which would refuse it: ${z.prettifyError(parsed.error)}`,
    parsed.error.issues,
    "GITHUB_WRITE_INVALID",
  );
}
