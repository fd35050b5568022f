/** How a caller proved who they are; audit events and the session tracker record it. */
export type CredentialKind = "admin-key" | "api-key" | "chittyauth-jwt" | "delegation";

/** The authenticated principal of a request: who is calling and what they may do. */
export interface Actor {
  id: string;
  type: "human" | "ai" | "service" | "system";
  /** Effective capabilities of this request: the actor's own, narrowed by a delegation's or a JWT's scope. */
  capabilities: readonly string[];
  credential: CredentialKind;
  /** True when the credential carries a scope that narrows the actor (a delegation, or a JWT with a scope claim). */
  scoped?: boolean;
  /** The delegation token's id when the credential is a delegation. */
  delegationId?: string;
  /** The API key's id when the credential is an API key: streams re-check it by id. */
  keyId?: string;
  /** A ChittyAuth JWT's scope claim (null: unscoped), so a stream can recompute what it may do. */
  jwtScope?: readonly string[] | null;
  /** When the credential stops working on its own (a delegation's or a JWT's `exp`), in ms; absent for keys. */
  expiresAt?: number;
  /** Whose request budget and subscription cap this request draws on (the actor itself, or its registrar's). */
  budgetOwnerId: string;
}

/** The built-in system actor that the admin key maps to; seeded by migration 0001. */
export const SYSTEM_ACTOR_ID = "CHITTY-ACTOR-00000000-0000-4000-8000-000000000000";

/** The audience a delegation must name to be accepted as a credential by this gateway itself. */
export const GATEWAY_SERVICE = "chittyconnect";
