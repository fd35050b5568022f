import { z } from "zod";
import { AppError } from "../../errors";
import { checkChittyIdFormat } from "../chitty-id-format";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { verifyApiKey, type ApiKeyLookup } from "../verify-api-key";
import { verifyDnaChain, type DnaChainRecord } from "../verify-dna-chain";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

export type VerifyRequest =
  | { kind: "chittyid"; value: string }
  | { kind: "dna-chain"; value: readonly DnaChainRecord[] }
  | { kind: "api-key"; value: string }
  | { kind: "certificate"; value: string };

export interface Verification {
  valid: boolean;
  source: "remote" | "embedded";
  reason?: string;
  /** Set when ChittyVerify is configured but failed, and the embedded check answered instead. */
  degraded?: string;
  details?: unknown;
}

export interface VerifyClient {
  mode: ServiceMode;
  /** Verifies an id, a DNA chain, an API key or a certificate; never fails because ChittyVerify is down. */
  verify(request: VerifyRequest): Promise<Verification>;
}

export interface VerifyClientOptions extends ClientOptions {
  /** Finds an API key by its hash, for the embedded API key check (api_keys in D1). */
  apiKeyLookup?: ApiKeyLookup;
}

const verifyAnswer = tolerantAnswer({
  valid: { names: ["valid", "verified"], schema: z.boolean() },
  reason: { names: ["reason", "error", "message"], schema: z.string().optional().catch(undefined) },
});

/** The embedded checks: ChittyID format and check digits, the DNA hash chain, the API key store. */
export async function verifyEmbedded(request: VerifyRequest, apiKeyLookup?: ApiKeyLookup): Promise<Verification> {
  switch (request.kind) {
    case "chittyid": {
      const check = checkChittyIdFormat(request.value);
      return check.valid ? { valid: true, source: "embedded", details: check } : { valid: false, source: "embedded", reason: check.reason };
    }
    case "dna-chain": {
      const verdict = await verifyDnaChain(request.value);
      const reason = verdict.problems.map((p) => `record ${p.recordId} (${p.sequence}) ${p.problem}`).join("; ");
      return { valid: verdict.valid, source: "embedded", details: verdict, ...(verdict.valid ? {} : { reason }) };
    }
    case "api-key": {
      if (!apiKeyLookup) return { valid: false, source: "embedded", reason: "no API key store was given to verify against" };
      const verdict = await verifyApiKey(request.value, apiKeyLookup);
      return verdict.valid ? { valid: true, source: "embedded", details: { actorId: verdict.actorId } } : { valid: false, source: "embedded", reason: verdict.reason };
    }
    case "certificate":
      return { valid: false, source: "embedded", reason: "not verified: no ChittyCertify or ChittyVerify configured" };
  }
}

/**
 * Creates the Verify client: ChittyVerify (best effort) when its URL is configured or discovered, with the
 * embedded checks answering whenever it cannot; else the embedded checks alone.
 */
export async function createVerifyClient(env: Env, options: VerifyClientOptions = {}): Promise<VerifyClient> {
  const baseUrl = await serviceUrl(env, "chittyverify", options);
  if (!baseUrl) return { mode: "embedded", verify: (request) => verifyEmbedded(request, options.apiKeyLookup) };
  return {
    mode: "remote",
    async verify(request) {
      // An API key never leaves the gateway: ChittyVerify gets nothing to check it against anyway.
      if (request.kind === "api-key") return verifyEmbedded(request, options.apiKeyLookup);
      try {
        const answer = await callService(
          env,
          { service: "chittyverify", operation: "chittyverify.verify", baseUrl, method: "POST", body: request, schema: verifyAnswer },
          options,
        );
        const { valid, reason } = answer.data;
        return { valid, source: "remote", ...(reason && !valid ? { reason } : {}) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return { ...(await verifyEmbedded(request, options.apiKeyLookup)), degraded: error.message };
      }
    },
  };
}
