import { decodeJwt, errors, jwtVerify, SignJWT } from "jose";
import { GATEWAY_SERVICE } from "./actor";

/** The claims of a delegation token; `scope` is space-separated as in RFC 8693. */
export interface DelegationClaims {
  iss: typeof GATEWAY_SERVICE;
  sub: string;
  aud: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
}

export type DelegationFailure = "malformed" | "forged" | "expired" | "wrong-audience";

const encoder = new TextEncoder();

function signingKey(env: Env): Uint8Array {
  const secret = env.DELEGATION_SIGNING_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error("DELEGATION_SIGNING_SECRET must be set to at least 32 characters (see .dev.vars.example)");
  }
  return encoder.encode(secret);
}

/** Signs a delegation with the gateway's key (HS256): only this gateway can mint or validate them. */
export function signDelegation(env: Env, claims: Omit<DelegationClaims, "iss">): Promise<string> {
  return new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(GATEWAY_SERVICE)
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setJti(claims.jti)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(signingKey(env));
}

/**
 * Verifies signature, issuer, expiry and (when given) audience. Revocation is not checked here:
 * the caller checks the D1 record, which is what makes revocation take effect immediately.
 */
export async function verifyDelegation(
  env: Env,
  token: string,
  audience?: string,
): Promise<{ ok: true; claims: DelegationClaims } | { ok: false; reason: DelegationFailure }> {
  try {
    const { payload } = await jwtVerify(token, signingKey(env), {
      algorithms: ["HS256"],
      issuer: GATEWAY_SERVICE,
      audience,
      requiredClaims: ["sub", "aud", "jti", "exp", "iat", "scope"],
    });
    return { ok: true, claims: payload as unknown as DelegationClaims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "forged" };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") return { ok: false, reason: "wrong-audience" };
    return { ok: false, reason: "malformed" };
  }
}

/** Reads the unverified `iss` of a JWT, only to route it to the right verifier. */
export function peekIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}
