import type { JWTPayload } from "jose";

/** A scope claim that is present but is neither a space-separated string nor an array of strings. */
export const UNREADABLE_SCOPE = Symbol("unreadable scope");

function readClaim(value: unknown): string[] | typeof UNREADABLE_SCOPE | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.flatMap((item) => item.split(/\s+/)).filter(Boolean);
  return UNREADABLE_SCOPE;
}

/**
 * The scope a JWT narrows its subject to: `scope` (RFC 8693: space-separated) or `scp` (a string or an array, as
 * Azure AD and Okta send it); null when it has neither, i.e. the token speaks for the whole actor. With both, the
 * narrower reading wins. A claim that cannot be read is reported, so that the token is refused rather than
 * treated as unscoped: failing open here would hand a narrow token the actor's every capability.
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-4.2
 */
export function readJwtScope(payload: JWTPayload): string[] | null | typeof UNREADABLE_SCOPE {
  const scope = readClaim(payload.scope);
  const scp = readClaim(payload.scp);
  if (scope === UNREADABLE_SCOPE || scp === UNREADABLE_SCOPE) return UNREADABLE_SCOPE;
  if (scope && scp) return scope.filter((name) => scp.includes(name));
  return scope ?? scp ?? null;
}
