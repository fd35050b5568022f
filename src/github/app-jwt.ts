import { SignJWT } from "jose";
import { AppError } from "../errors";
import { importAppPrivateKey } from "./private-key";

let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

// Importing an RSA key costs more than signing with it, so each isolate imports it once.
function appPrivateKey(secret: string): Promise<CryptoKey> {
  if (cachedKey?.secret !== secret) {
    const key = importAppPrivateKey(secret);
    cachedKey = { secret, key };
    key.catch(() => (cachedKey = undefined));
  }
  return cachedKey.key;
}

/** Whether the App's id and private key are both set; without them nothing can call GitHub as the App. */
export function isAppConfigured(env: Pick<Env, "GITHUB_APP_ID" | "GITHUB_APP_PRIVATE_KEY">): boolean {
  return Boolean(env.GITHUB_APP_ID?.trim() && env.GITHUB_APP_PRIVATE_KEY?.trim());
}

/**
 * Signs the JWT that authenticates as the GitHub App (RS256, `iss` = the App id).
 * @see https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
export async function createAppJwt(env: Pick<Env, "GITHUB_APP_ID" | "GITHUB_APP_PRIVATE_KEY">, now = Date.now()): Promise<string> {
  const appId = env.GITHUB_APP_ID?.trim();
  if (!isAppConfigured(env) || !/^[\w.-]{1,64}$/.test(appId)) {
    throw new AppError(
      503,
      "GITHUB_APP_NOT_CONFIGURED",
      "The GitHub App is not configured: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY (see docs/github-app-setup.md)",
    );
  }
  const key = await appPrivateKey(env.GITHUB_APP_PRIVATE_KEY);
  // GitHub allows 60 s of clock drift backwards and at most 10 min of validity forwards.
  const issuedAt = Math.floor(now / 1000) - 60;
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(appId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 600)
    .sign(key);
}
