import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, InvalidInputError } from "../../errors";
import type { AppEnv } from "../../app-env";
import { renderPage } from "./layout";

const SETUP = "/integrations/github/setup";
const INSTALL = "/integrations/github/install";

/** What the person in front of the page should do next, by error code. */
const NEXT_STEPS: Record<string, string> = {
  INVALID_STATE: `Start again: open ${INSTALL} (to install) or ${SETUP} (to create the App) in this browser, and finish within 10 minutes.`,
  INVALID_INPUT: `Open this page from GitHub's redirect rather than by hand, or start again at ${INSTALL}.`,
  GITHUB_APP_NOT_CONFIGURED: `Create the App at ${SETUP} and store the secrets it shows, then install it again.`,
  GITHUB_APP_MISCONFIGURED: "Store the App's .pem file, unchanged, as GITHUB_APP_PRIVATE_KEY, then install again.",
  STATE_SECRET_NOT_CONFIGURED: "Store 32+ random characters as GITHUB_STATE_SECRET (see docs/github-app-setup.md), then reload.",
  GITHUB_AUTH_FAILED: "Check that GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY belong to the same App, then install again.",
  GITHUB_NOT_FOUND: "Install the App from its GitHub page; the installation may have been removed in the meantime.",
};
const DEFAULT_NEXT_STEP = "Wait a minute and reload this page. If it keeps failing, ask the operator to check the worker logs.";

/** A malformed query in a browser flow: a bad request (400), whichever field is wrong. */
export const badLink = (message: string) => new InvalidInputError(message, undefined, "INVALID_INPUT", 400);

/** A failure of a browser flow as a helpful page with the right status: the message, then the next step. */
export function renderErrorPage(c: Context<AppEnv>, error: unknown) {
  const known = error instanceof AppError;
  if (!known) console.error("GitHub setup flow failed", error);
  else if (error.status >= 500) console.error("GitHub setup flow failed", { code: error.code, message: error.message });
  const status = (known && error.status >= 400 && error.status < 600 ? error.status : 500) as ContentfulStatusCode;
  const message = known ? error.message : "Something went wrong on our side.";
  const next = (known && NEXT_STEPS[error.code]) || DEFAULT_NEXT_STEP;
  return renderPage(
    c,
    status < 500 ? "This link did not work" : "GitHub setup could not finish",
    html`<p>${message}</p>
      <div class="next"><p><strong>Next step:</strong> ${next}</p></div>
      ${known ? html`<p><small>Error code: <code>${error.code}</code></small></p>` : ""}`,
    status,
  );
}
