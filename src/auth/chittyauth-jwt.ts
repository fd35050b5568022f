import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { readJwtScope, UNREADABLE_SCOPE } from "./jwt-scope";

/** ChittyAuth's JWT settings; JWT credentials are refused unless all three are configured. */
export function chittyAuthConfig(env: Env): { jwksUrl: string; issuer: string; audience: string } | null {
  const { CHITTY_AUTH_JWKS_URL: jwksUrl, CHITTY_AUTH_ISSUER: issuer, CHITTY_AUTH_AUDIENCE: audience } = env;
  return jwksUrl && issuer && audience ? { jwksUrl, issuer, audience } : null;
}

// One key set per URL per isolate: jose caches fetched keys and refetches on an unknown `kid`.
const keySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(url: string): JWTVerifyGetKey {
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    keySets.set(url, keySet);
  }
  return keySet;
}

export type VerifiedJwt = { subject: string; scopes: string[] | null; expiresAt: number };

/**
 * Verifies a ChittyAuth-issued JWT against its JWKS, issuer and audience. Returns the subject (an actor's
 * ChittyID), the token's scopes when it narrows them, and its expiry; null for any token that fails, including
 * one whose scope claim cannot be read.
 */
export async function verifyChittyAuthJwt(env: Env, token: string): Promise<VerifiedJwt | null> {
  const config = chittyAuthConfig(env);
  if (!config) return null;
  try {
    const { payload } = await jwtVerify(token, keySetFor(config.jwksUrl), {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: ["RS256", "ES256", "EdDSA"],
      requiredClaims: ["sub", "exp"],
    });
    const scopes = readJwtScope(payload);
    if (scopes === UNREADABLE_SCOPE) return null;
    return { subject: payload.sub!, scopes, expiresAt: payload.exp! * 1000 };
  } catch {
    return null;
  }
}
