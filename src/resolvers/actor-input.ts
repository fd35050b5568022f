import { z } from "zod";
import { CAPABILITIES } from "../auth/capabilities";

/** Boundary schemas for actors, shared by REST, GraphQL and the OpenAPI document. */

export const actorId = z.string().regex(/^CHITTY-ACTOR-[0-9a-f-]{36}$/, "must be an actor ChittyID");

export const capabilityList = z
  .array(z.enum(CAPABILITIES))
  .max(CAPABILITIES.length)
  .refine((caps) => new Set(caps).size === caps.length, { message: "capabilities must not repeat" });

const displayName = z
  .string()
  .trim()
  .min(1, "displayName must not be empty")
  .max(120, "displayName must be at most 120 characters")
  .regex(/^[^\p{Cc}]*$/u, "displayName must not contain control characters");

export const registerActorInput = z.object({
  /** `system` is reserved for the built-in actor. */
  type: z.enum(["human", "ai", "service"]),
  displayName,
  capabilities: capabilityList.default([]),
});
export type RegisterActorInput = z.infer<typeof registerActorInput>;

export const updateActorInput = z
  .object({
    displayName: displayName.optional(),
    capabilities: capabilityList.optional(),
    status: z.enum(["active", "suspended", "revoked"]).optional(),
  })
  .refine((u) => u.displayName !== undefined || u.capabilities !== undefined || u.status !== undefined, {
    message: "nothing to update: send at least one of displayName, capabilities, status",
  });
export type UpdateActorInput = z.infer<typeof updateActorInput>;
