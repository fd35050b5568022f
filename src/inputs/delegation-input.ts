import { z } from "zod";
import { chittyIdInput } from "./chitty-id-input";
import { scopeList } from "./actor-input";

/** Token lifetimes in seconds: short by default, never more than a day. */
export const DELEGATION_TTL = { default: 900, min: 60, max: 86_400 } as const;

export const targetService = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, "targetService must be a lowercase service name such as chittyid or chittyconnect");

export const delegateInput = z.object({
  targetService,
  scopes: scopeList.refine((s) => s.length > 0, { message: "scopes must name at least one capability" }),
  ttlSeconds: z.number().int().min(DELEGATION_TTL.min).max(DELEGATION_TTL.max).default(DELEGATION_TTL.default),
});
export type DelegateInput = z.infer<typeof delegateInput>;

export const validateDelegationInput = z.object({
  token: z.string().min(1).max(4096),
  targetService,
});
export type ValidateDelegationInput = z.infer<typeof validateDelegationInput>;

export const delegationId = chittyIdInput("DELEGATION", "must be a delegation token id");
