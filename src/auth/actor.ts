/** How a caller proved who they are; audit events and the session tracker record it. */
export type CredentialKind = "admin-key" | "api-key" | "chittyauth-jwt" | "delegation";

/** The authenticated principal of a request: who is calling and what they may do. */
export interface Actor {
  id: string;
  type: "human" | "ai" | "service" | "system";
  /** Effective capabilities of this request: a delegation or a scoped JWT narrows the actor's own. */
  capabilities: readonly string[];
  credential: CredentialKind;
  /** The delegation token's id when the credential is a delegation. */
  delegationId?: string;
}

/** The built-in system actor that the admin key maps to; seeded by migration 0001. */
export const SYSTEM_ACTOR_ID = "CHITTY-ACTOR-00000000-0000-4000-8000-000000000000";

/** The audience a delegation must name to be accepted as a credential by this gateway itself. */
export const GATEWAY_SERVICE = "chittyconnect";
