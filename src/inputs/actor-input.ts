import { z } from "zod";
import { chittyIdInput } from "./chitty-id-input";
import { CAPABILITIES, SCOPES } from "../auth/capabilities";
import { displayNameText } from "./text-input";

/** Boundary schemas for actors, shared by REST, GraphQL and the OpenAPI document. */

export const actorId = chittyIdInput("ACTOR", "must be an actor ChittyID");

const noRepeats = (names: string[]) => new Set(names).size === names.length;

/** Capabilities an actor can be given. */
export const capabilityList = z
  .array(z.enum(CAPABILITIES))
  .max(CAPABILITIES.length)
  .refine(noRepeats, { message: "capabilities must not repeat" });

/** What a delegation may carry: capabilities, plus keys:manage and actors:manage to let it act as its delegator's full credential. */
export const scopeList = z
  .array(z.enum(SCOPES))
  .max(SCOPES.length)
  .refine(noRepeats, { message: "scopes must not repeat" });

const displayName = displayNameText("displayName", 120);

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
