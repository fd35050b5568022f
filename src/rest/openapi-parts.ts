import type { z } from "zod";

/** A JSON response for a route's OpenAPI definition. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body: with `required`, @hono/zod-openapi validates it whatever the Content-Type claims. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });
