import { z } from "zod";

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const json = { "application/json": { schema: errorBody } };

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrors = {
  401: { description: "Missing or invalid bearer credential", content: json },
  403: { description: "The caller lacks the capability", content: json },
  413: { description: "Request body too large", content: json },
  415: { description: "Content-Type is not application/json", content: json },
  422: { description: "The input failed validation", content: json },
  429: { description: "Rate limited; see Retry-After", content: json },
} as const;

export const notFound = { 404: { description: "No such resource (or not yours)", content: json } } as const;
export const conflict = { 409: { description: "Duplicate name, stale version or deleted resource", content: json } } as const;
export const badRequest = { 400: { description: "Malformed JSON or cursor", content: json } } as const;
