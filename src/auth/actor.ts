/** The authenticated principal of a request: who is calling and what they may do. */
export interface Actor {
  id: string;
  type: "human" | "ai" | "service" | "system";
  capabilities: readonly string[];
  /** How the caller proved who they are; audit events record it. */
  credential: "admin-key";
}

/** The built-in system actor that the admin key maps to; seeded by migration 0001. */
export const SYSTEM_ACTOR_ID = "CHITTY-ACTOR-00000000-0000-4000-8000-000000000000";
