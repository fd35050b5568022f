import type { Context } from "hono";
import type { z } from "zod";

/**
 * @hono/zod-openapi calls this when a request does not match its route's zod schemas:
 * answer 422 with every failing path, in the gateway's error shape.
 */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }, c: Context) {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  return c.json(
    {
      error: {
        code: "INVALID_INPUT",
        message: issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        details: issues,
      },
    },
    422,
  );
}
