import type { Context } from "hono";
import { z } from "zod";
import { convertManifest, fetchApp } from "../github/app-manifest";
import { githubWebUrl } from "../github/web-url";
import type { AppEnv } from "../app-env";
import { buildManifest } from "./app-manifest";
import { badLink, renderErrorPage } from "./pages/error-page";
import { renderPage } from "./pages/layout";
import { secretsPage } from "./pages/secrets-page";
import { setupPage } from "./pages/setup-page";
import { finishFlow, startFlow } from "./setup-state";

const setupQuery = z.object({
  org: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, "org must be a GitHub organization login").optional(),
  name: z.string().trim().min(1).max(34, "GitHub App names are at most 34 characters").optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badLink(result.error.issues.map((i) => i.message).join("; "));
  return result.data;
}

/** GET /integrations/github/setup: the manifest form, for the personal account or `?org=`. */
export async function handleSetup(c: Context<AppEnv>) {
  try {
    const { org, name } = parse(setupQuery, c.req.query());
    const origin = new URL(c.req.url).origin;
    const state = await startFlow(c, "manifest");
    const web = githubWebUrl(c.env.GITHUB_API_URL);
    const target = org ? `${web}/organizations/${org}/settings/apps/new` : `${web}/settings/apps/new`;
    const action = `${target}?state=${encodeURIComponent(state)}`;
    return renderPage(c, "Create the ChittyConnect GitHub App", setupPage({ action, manifest: buildManifest(origin, name), owner: org ?? "your personal account" }));
  } catch (error) {
    return renderErrorPage(c, error);
  }
}

const manifestQuery = z.object({ code: z.string().regex(/^[\w-]{1,200}$/, "code is missing or malformed"), state: z.string().max(2000).optional() });

/** GET /integrations/github/manifest: GitHub's redirect with the one-time code; shows the secrets to store. */
export async function handleManifest(c: Context<AppEnv>) {
  try {
    const { code, state } = parse(manifestQuery, c.req.query());
    await finishFlow(c, "manifest", state);
    const app = await convertManifest(c.env, code);
    const installUrl = `${new URL(c.req.url).origin}/integrations/github/install`;
    return renderPage(c, "Store the GitHub App's secrets", secretsPage(app, c.env.ENVIRONMENT, installUrl));
  } catch (error) {
    return renderErrorPage(c, error);
  }
}

/** GET /integrations/github/install: sends the browser to the App's install page with a signed state. */
export async function handleInstall(c: Context<AppEnv>) {
  try {
    const app = await fetchApp(c.env);
    const state = await startFlow(c, "install");
    return c.redirect(`${app.html_url}/installations/new?state=${encodeURIComponent(state)}`, 302);
  } catch (error) {
    return renderErrorPage(c, error);
  }
}
