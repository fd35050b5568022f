import { z } from "zod";
import { createAppJwt } from "./app-jwt";
import { githubError, githubRequest } from "./github-request";

/** A cached token is dropped this long before GitHub expires it, so no caller gets one about to die. */
export const TOKEN_EXPIRY_MARGIN_MS = 5 * 60 * 1000;
// KV refuses expirations less than 60 s ahead.
const KV_MIN_TTL_MS = 60 * 1000;

const accessToken = z.object({
  // GitHub documents no token length or format, so none is assumed.
  token: z.string().min(1),
  expires_at: z.iso.datetime({ offset: true }),
});

const cachedToken = z.object({ token: z.string().min(1), expiresAt: z.number() });

// An unreadable entry (say, from an older format) is treated as a miss and overwritten.
function parseCached(text: string | null) {
  try {
    return cachedToken.safeParse(text === null ? null : JSON.parse(text));
  } catch {
    return cachedToken.safeParse(null);
  }
}

/** Where an installation's token is cached in TOKEN_KV. */
export const tokenCacheKey = (installationId: number) => `github:installation-token:${installationId}`;

/** Drops an installation's cached token, which GitHub revokes when the App is uninstalled. */
export async function forgetInstallationToken(env: Env, installationId: number): Promise<void> {
  await env.TOKEN_KV.delete(tokenCacheKey(installationId));
}

/**
 * An installation access token, from TOKEN_KV while it has more than the margin left, else freshly created.
 * @see https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
 */
export async function getInstallationToken(env: Env, installationId: number, now = Date.now()): Promise<string> {
  const cached = parseCached(await env.TOKEN_KV.get(tokenCacheKey(installationId)));
  if (cached.success && cached.data.expiresAt - TOKEN_EXPIRY_MARGIN_MS > now) return cached.data.token;

  let created: z.infer<typeof accessToken>;
  try {
    const jwt = await createAppJwt(env, now);
    const response = await githubRequest(env, { jwt })("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: installationId,
    });
    created = accessToken.parse(response.data);
  } catch (error) {
    throw githubError(error, `creating a token for installation ${installationId}`);
  }
  const expiresAt = Date.parse(created.expires_at);
  const cacheUntil = expiresAt - TOKEN_EXPIRY_MARGIN_MS;
  if (cacheUntil - now >= KV_MIN_TTL_MS) {
    await env.TOKEN_KV.put(tokenCacheKey(installationId), JSON.stringify({ token: created.token, expiresAt }), {
      expiration: Math.floor(cacheUntil / 1000),
    });
  }
  return created.token;
}
