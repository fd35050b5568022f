import { z } from "zod";
import { createAppJwt } from "./app-jwt";
import { githubError, githubRequest } from "./github-request";

/** What GitHub returns once, when a manifest becomes an App: its id, key and webhook secret. */
const conversion = z.object({
  id: z.number().int().positive(),
  slug: z.string().min(1),
  name: z.string().min(1),
  html_url: z.url(),
  owner: z.object({ login: z.string() }).nullish(),
  pem: z.string().min(1),
  webhook_secret: z.string().min(1).nullable(),
  client_id: z.string(),
});
export type ManifestConversion = z.infer<typeof conversion>;

/**
 * Exchanges the temporary code of the app-manifest flow for the new App's credentials (valid for one hour, once).
 * @see https://docs.github.com/en/apps/sharing-github-apps/registering-a-github-app-from-a-manifest
 */
export async function convertManifest(env: Env, code: string): Promise<ManifestConversion> {
  try {
    const response = await githubRequest(env)("POST /app-manifests/{code}/conversions", { code });
    return conversion.parse(response.data);
  } catch (error) {
    throw githubError(error, "converting the app manifest (the code is valid once, for one hour)");
  }
}

const app = z.object({ slug: z.string().min(1), html_url: z.url() });

/** The App itself, as its own JWT sees it; its `html_url` is where installations start. */
export async function fetchApp(env: Env): Promise<z.infer<typeof app>> {
  const jwt = await createAppJwt(env);
  try {
    return app.parse((await githubRequest(env, { jwt })("GET /app")).data);
  } catch (error) {
    throw githubError(error, "reading the App");
  }
}
