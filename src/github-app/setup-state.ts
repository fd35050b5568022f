import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { errors, jwtVerify, SignJWT } from "jose";
import { createDatabase } from "../db/client";
import { usedFlowStates } from "../db/schema";
import { AppError } from "../errors";
import type { AppEnv } from "../app-env";

/** Which browser flow a state belongs to; a state from one is refused by the other. */
export type SetupFlow = "manifest" | "install";

const TTL_SECONDS = 10 * 60;
const COOKIE = "chittyconnect_github_state";
const COOKIE_PATH = "/integrations/github";
const ISSUER = "chittyconnect";

function stateKey(env: Env): Uint8Array {
  const secret = env.GITHUB_STATE_SECRET?.trim();
  if (!secret || secret.length < 32) {
    throw new AppError(503, "STATE_SECRET_NOT_CONFIGURED", "GITHUB_STATE_SECRET is not set (32+ random characters); see docs/github-app-setup.md");
  }
  return new TextEncoder().encode(secret);
}

/**
 * Starts a flow: a short-lived HS256 `state` for GitHub to hand back, whose nonce also goes into an
 * HttpOnly cookie, so that only the browser that started the flow can finish it (CSRF).
 */
export async function startFlow(c: Context<AppEnv>, flow: SetupFlow): Promise<string> {
  const nonce = crypto.randomUUID();
  const state = await new SignJWT({ nonce })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(`github-${flow}`)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(stateKey(c.env));
  const secure = new URL(c.req.url).protocol === "https:";
  // Lax: GitHub's redirect back is a top-level GET navigation, which Lax cookies accompany.
  setCookie(c, COOKIE, nonce, { path: COOKIE_PATH, httpOnly: true, secure, sameSite: "Lax", maxAge: TTL_SECONDS });
  return state;
}

const invalid = (why: string) =>
  new AppError(400, "INVALID_STATE", `The setup link ${why}; start again from the beginning of the flow in this browser`);

/**
 * Finishes a flow: the state must be ours, unexpired, for this flow, match this browser's cookie, and be unused.
 * Its `jti` is recorded until the state would expire anyway, so a state works once, even from the same browser.
 */
export async function finishFlow(c: Context<AppEnv>, flow: SetupFlow, state: string | undefined): Promise<void> {
  if (!state) throw invalid("has no state parameter");
  let claims: { nonce?: unknown; jti?: string; exp?: number };
  try {
    const { payload } = await jwtVerify(state, stateKey(c.env), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: `github-${flow}`,
      requiredClaims: ["jti", "exp"],
    });
    claims = payload;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(error instanceof errors.JWTExpired ? "has expired (it is valid for 10 minutes)" : "was not issued here");
  }
  if (typeof claims.nonce !== "string" || getCookie(c, COOKIE) !== claims.nonce) throw invalid("was started in another browser, or cookies are blocked");
  const recorded = await createDatabase(c.env.DB)
    .insert(usedFlowStates)
    .values({ jti: claims.jti!, expiresAt: claims.exp! * 1000 })
    .onConflictDoNothing();
  if (recorded.meta.changes !== 1) throw invalid("was already used");
  deleteCookie(c, COOKIE, { path: COOKIE_PATH });
}
