import type { Database } from "../db/client";
import { serviceCertificates, type ServiceCertificateRow } from "../db/schema";
import { AppError } from "../errors";
import { CERTIFY_PROFILES, createCertifyClient, needsRenewal, type Certification, type CertifyProfile } from "./clients/certify-client";
import type { CallOptions } from "./http/call-service";

/** The name the gateway is certified under. */
export const GATEWAY_NAME = "chittyconnect";
/** The security level the gateway asks for; ChittyCertify may grant another, which is stored as granted. */
export const REQUESTED_SECURITY_LEVEL = "standard";

export type ProfileOutcome =
  | { profile: CertifyProfile; outcome: "certified" | "kept" | "not-certified"; certificate: ServiceCertificateRow }
  | { profile: CertifyProfile; outcome: "failed"; error: string };

/** A stored row as the certify client's answer, for the renewal rule. */
const asCertification = (row: ServiceCertificateRow): Certification =>
  row.certified && row.certificateId
    ? { certified: true, certificateId: row.certificateId, profile: row.profile as CertifyProfile, securityLevel: row.securityLevel, issuedAt: row.issuedAt, validUntil: row.validUntil }
    : { certified: false, reason: row.reason ?? "not certified" };

/**
 * Requests, or renews before expiry (`needsRenewal`), the gateway's certificate for each profile (chittyos-v1 and
 * mcp-2024-11-05) and stores ChittyCertify's answer. Embedded, it stores the honest "not certified: no
 * ChittyCertify configured" instead of inventing a certificate. A profile whose request fails keeps its last row.
 */
export async function certifyGateway(env: Env, db: Database, options: CallOptions & { force?: boolean } = {}): Promise<ProfileOutcome[]> {
  const now = (options.now ?? Date.now)();
  const client = await createCertifyClient(env, options);
  const stored = new Map((await db.select().from(serviceCertificates)).map((row) => [row.profile, row]));
  const outcomes: ProfileOutcome[] = [];
  for (const profile of CERTIFY_PROFILES) {
    const current = stored.get(profile);
    if (current && !options.force && client.mode === "remote" && !needsRenewal(asCertification(current), now)) {
      outcomes.push({ profile, outcome: "kept", certificate: current });
      continue;
    }
    let answer: Certification;
    try {
      answer = await client.certify({ service: GATEWAY_NAME, profile, securityLevel: REQUESTED_SECURITY_LEVEL });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ profile, outcome: "failed", error: error.message });
      continue;
    }
    const row: ServiceCertificateRow = answer.certified
      ? { profile, certified: true, certificateId: answer.certificateId, securityLevel: answer.securityLevel, issuedAt: answer.issuedAt, validUntil: answer.validUntil, reason: null, checkedAt: now }
      : { profile, certified: false, certificateId: null, securityLevel: null, issuedAt: null, validUntil: null, reason: answer.reason, checkedAt: now };
    await db.insert(serviceCertificates).values(row).onConflictDoUpdate({ target: serviceCertificates.profile, set: row });
    outcomes.push({ profile, outcome: answer.certified ? "certified" : "not-certified", certificate: row });
  }
  return outcomes;
}

/** The stored certificates, one per profile (a profile never asked for is missing). */
export function gatewayCertificates(db: Database) {
  return db.select().from(serviceCertificates).orderBy(serviceCertificates.profile);
}
