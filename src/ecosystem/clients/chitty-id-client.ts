import { z } from "zod";
import { mintChittyId, opaqueChittyId, type ChittyIdType, type MintedChittyId } from "../chitty-id";
import { checkChittyIdFormat } from "../chitty-id-format";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

export interface ChittyIdValidation {
  valid: boolean;
  source: "remote" | "embedded";
  /** The id's parts, as the authority (or the local format check) reads them. */
  components?: Record<string, unknown>;
  reason?: string;
}

export interface ChittyIdClient {
  mode: ServiceMode;
  /** Mints a ChittyID: by the authority when one is configured, else locally (`source: "local"`). */
  mint(purpose: string, entityType: ChittyIdType): Promise<MintedChittyId>;
  /** Validates an id: by the authority when configured, else by the offline format check. */
  validate(id: string): Promise<ChittyIdValidation>;
}

/**
 * The canon's five entity types (P person, L location, T thing, E event, A authority) for the gateway's own.
 * Actors have agency, so they are persons; the canon makes every actor with agency a Person.
 */
export const CANONICAL_ENTITY_TYPE: Record<ChittyIdType, "P" | "L" | "T" | "E" | "A"> = {
  ACTOR: "P",
  EVENT: "E",
  CONTEXT: "T",
  CONN: "T",
  INSTALL: "T",
  DNA: "T",
  DELEGATION: "T",
  COMMIT: "T",
  PR: "T",
  ISSUE: "T",
  REPO: "T",
};

// Opaque, but addressable: an id the gateway could not take back as an argument is an answer it cannot use.
const id = z.string().trim().min(1, "an empty id").pipe(opaqueChittyId);
const mintAnswer = tolerantAnswer({ id: { names: ["chittyId", "chitty_id", "id"], schema: id } });
const validateAnswer = tolerantAnswer({
  valid: { names: ["valid"], schema: z.boolean() },
  components: { names: ["components"], schema: z.record(z.string(), z.unknown()).optional() },
  reason: { names: ["error", "message", "reason"], schema: z.string().optional().catch(undefined) },
});

/** Creates the ChittyID client: the authority when its URL is configured or discovered, else the embedded default. */
export async function createChittyIdClient(env: Env, options: ClientOptions = {}): Promise<ChittyIdClient> {
  const baseUrl = await serviceUrl(env, "chittyid", options);
  if (!baseUrl) return embeddedChittyId;
  return {
    mode: "remote",
    async mint(purpose, entityType) {
      const answer = await callService(
        env,
        {
          service: "chittyid",
          operation: "chittyid.mint",
          baseUrl,
          method: "GET",
          query: { for: purpose, entity_type: CANONICAL_ENTITY_TYPE[entityType] },
          schema: mintAnswer,
        },
        options,
      );
      // Opaque: whatever shape the authority mints is the id.
      return { id: answer.data.id, source: "remote" };
    },
    async validate(value) {
      const answer = await callService(
        env,
        // The authority answers an id it rejects with {valid: false}, on some versions with 400 or 422.
        { service: "chittyid", operation: "chittyid.validate", baseUrl, method: "POST", body: { id: value }, answerStatuses: [400, 422], schema: validateAnswer },
        options,
      );
      const { valid, components, reason } = answer.data;
      return { valid, source: "remote", ...(components ? { components } : {}), ...(reason && !valid ? { reason } : {}) };
    },
  };
}

const embeddedChittyId: ChittyIdClient = {
  mode: "embedded",
  async mint(_purpose, entityType) {
    return mintChittyId(entityType);
  },
  async validate(value) {
    const check = checkChittyIdFormat(value);
    if (!check.valid) return { valid: false, source: "embedded", reason: check.reason };
    return { valid: true, source: "embedded", components: check.format === "canonical" ? { ...check.components } : { format: "local" } };
  },
};
