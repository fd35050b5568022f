import { z } from "zod";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

/** The profiles the gateway asks to be certified against: ChittyOS's own and the MCP revision it speaks. */
export const CERTIFY_PROFILES = ["chittyos-v1", "mcp-2024-11-05"] as const;
export type CertifyProfile = (typeof CERTIFY_PROFILES)[number];

export interface CertifyRequest {
  service: string;
  profile: CertifyProfile;
  /** The security level asked for; ChittyCertify may grant another, which `securityLevel` reports. */
  securityLevel?: string;
}

export type Certification =
  | { certified: true; certificateId: string; profile: CertifyProfile; securityLevel: string | null; issuedAt: number | null; validUntil: number | null }
  | { certified: false; reason: string };

export interface CertifyClient {
  mode: ServiceMode;
  /** Requests (or renews) a certificate for a profile. */
  certify(request: CertifyRequest): Promise<Certification>;
}

export const CERTIFY_NOT_CONFIGURED = "not certified: no ChittyCertify configured";

/** Renew a week before expiry: the cron runs every 15 minutes, so a week rides out a long ChittyCertify outage. */
export const RENEW_BEFORE_MS = 7 * 24 * 60 * 60_000;

/**
 * Whether a certificate should be requested again now: when there is none, or when it expires within
 * RENEW_BEFORE_MS — or within a third of its lifetime when that is shorter, so short-lived certificates are
 * not renewed on every cron run.
 */
export function needsRenewal(certification: Certification, now: number, renewBeforeMs = RENEW_BEFORE_MS): boolean {
  if (!certification.certified) return true;
  const { validUntil, issuedAt } = certification;
  if (validUntil === null) return false;
  const margin = issuedAt !== null && validUntil > issuedAt ? Math.min(renewBeforeMs, (validUntil - issuedAt) / 3) : renewBeforeMs;
  return validUntil - now <= margin;
}

const instant = z
  .union([z.number().int().positive(), z.iso.datetime({ offset: true }).transform((v) => Date.parse(v)), z.iso.date().transform((v) => Date.parse(v))])
  .optional();
const certifyAnswer = tolerantAnswer({
  certificateId: { names: ["certificate_id", "certificateId", "id"], schema: z.union([z.string().min(1), z.number().transform(String)]) },
  validUntil: { names: ["valid_until", "validUntil", "expires_at"], schema: instant },
  issuedAt: { names: ["issued_at", "issuedAt", "valid_from"], schema: instant.catch(undefined) },
  securityLevel: { names: ["security_level", "securityLevel", "level"], schema: z.union([z.string(), z.number().transform(String)]).optional().catch(undefined) },
});

/** Creates the Certify client: ChittyCertify when its URL is configured or discovered; else it honestly certifies nothing. */
export async function createCertifyClient(env: Env, options: ClientOptions = {}): Promise<CertifyClient> {
  const baseUrl = await serviceUrl(env, "chittycertify", options);
  if (!baseUrl) return { mode: "embedded", certify: async () => ({ certified: false, reason: CERTIFY_NOT_CONFIGURED }) };
  return {
    mode: "remote",
    async certify(request) {
      const body = { service: request.service, profile: request.profile, ...(request.securityLevel ? { security_level: request.securityLevel } : {}) };
      const answer = await callService(
        env,
        { service: "chittycertify", operation: "chittycertify.certify", baseUrl, method: "POST", body, schema: certifyAnswer },
        options,
      );
      const { certificateId, validUntil, issuedAt, securityLevel } = answer.data;
      return {
        certified: true,
        certificateId,
        profile: request.profile,
        securityLevel: securityLevel ?? request.securityLevel ?? null,
        issuedAt: issuedAt ?? null,
        validUntil: validUntil ?? null,
      };
    },
  };
}
