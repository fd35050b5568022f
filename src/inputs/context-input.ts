import { z } from "zod";
import { chittyIdInput } from "./chitty-id-input";
import { cappedJsonObject } from "./capped-json-object";
import { LIMITS } from "../limits";
import { displayNameText, multiLineText, singleLineText } from "./text-input";

/** The boundary schemas for contexts: REST (via @hono/zod-openapi) and GraphQL (via @pothos/plugin-zod) share them. */

export const contextName = displayNameText("name", LIMITS.contextName);

export const contextDescription = multiLineText("description").pipe(
  z.string().max(LIMITS.contextDescription, `description must be at most ${LIMITS.contextDescription} characters`),
);

export const contextData = cappedJsonObject("data", LIMITS.contextDataBytes);

export const contextStatus = z.enum(["active", "archived"]);

export const contextId = chittyIdInput("CONTEXT", "id must be a context ChittyID");

export const createContextInput = z.object({
  name: contextName,
  description: contextDescription.optional(),
  data: contextData.optional(),
});
export type CreateContextInput = z.infer<typeof createContextInput>;

export const updateContextInput = z
  .object({
    /** The version the caller last read; the update is refused with 409 if the context has moved on. */
    version: z.number().int().positive(),
    name: contextName.optional(),
    description: contextDescription.optional(),
    data: contextData.optional(),
    status: contextStatus.optional(),
  })
  .refine((u) => u.name !== undefined || u.description !== undefined || u.data !== undefined || u.status !== undefined, {
    message: "nothing to update: send at least one of name, description, data, status",
  });
export type UpdateContextInput = z.infer<typeof updateContextInput>;

export const contextFilter = z.object({
  status: z.enum(["active", "archived"]).optional(),
  ownerId: z.string().max(100).optional(),
});
export type ContextFilter = z.infer<typeof contextFilter>;

export const pageSize = z.number().int().min(1).max(LIMITS.pageSize);

export const searchQuery = singleLineText("q").pipe(
  z.string().trim().min(1, "q must not be empty").max(LIMITS.searchQuery, `q must be at most ${LIMITS.searchQuery} characters`),
);
