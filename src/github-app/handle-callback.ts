import type { Context } from "hono";
import { z } from "zod";
import { connectInstallation } from "../resolvers/connect-installation";
import type { AppEnv } from "../app-env";
import { badLink, renderErrorPage } from "./pages/error-page";
import { installedPage, requestedPage } from "./pages/installed-page";
import { renderPage } from "./pages/layout";
import { finishFlow } from "./setup-state";

const installationId = z.string().regex(/^[1-9][0-9]{0,15}$/, "installation_id must be GitHub's numeric installation id");
const callbackQuery = z.object({
  installation_id: installationId.optional(),
  setup_action: z.enum(["install", "update", "request"]).optional(),
  state: z.string().max(2000).optional(),
});

/**
 * GET /integrations/github/callback, the App's setup URL. GitHub sends the browser here after an
 * installation. It does work (reads the installation from GitHub as the App and records it) only for a flow
 * this gateway started, proved by a valid, unused signed `state`; anyone can open this URL, and each such
 * read spends the App's GitHub budget. Without one it only starts the flow properly; installations begun on
 * GitHub still arrive through the `installation` webhook.
 * @see https://docs.github.com/en/apps/creating-github-apps/registering-a-github-app/about-the-setup-url
 */
export async function handleCallback(c: Context<AppEnv>) {
  try {
    const parsed = callbackQuery.safeParse(c.req.query());
    if (!parsed.success) throw badLink(parsed.error.issues.map((i) => i.message).join("; "));
    const query = parsed.data;
    if (query.setup_action === "request") return renderPage(c, "Installation requested", requestedPage());
    if (query.state === undefined) return c.redirect("/integrations/github/install", 302);
    await finishFlow(c, "install", query.state);
    if (!query.installation_id) throw badLink("installation_id is missing; GitHub adds it when it redirects here");
    await connectInstallation(c.env, Number(query.installation_id));
    return c.redirect(`/integrations/github/installed?installation_id=${query.installation_id}`, 303);
  } catch (error) {
    return renderErrorPage(c, error);
  }
}

/** GET /integrations/github/installed: the success page. */
export async function handleInstalled(c: Context<AppEnv>) {
  const id = installationId.safeParse(c.req.query("installation_id"));
  if (!id.success) return renderErrorPage(c, badLink("installation_id must be GitHub's numeric installation id"));
  return renderPage(c, "The GitHub App is installed", installedPage(id.data));
}
