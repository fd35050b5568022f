import { html } from "hono/html";
import type { ManifestConversion } from "../../github/app-manifest";

const PEM_FILE = "chittyconnect.private-key.pem";

/**
 * The one time the new App's credentials are shown: which secrets to store, and how.
 * Served with no-store; nothing on it is logged.
 */
export function secretsPage(app: ManifestConversion, environment: string, installUrl: string) {
  const deployed = environment !== "development";
  const envFlag = deployed ? ` --env ${environment}` : " --env production";
  const devVars = `GITHUB_APP_ID=${app.id}\nGITHUB_WEBHOOK_SECRET=${app.webhook_secret ?? ""}\nGITHUB_APP_PRIVATE_KEY="${app.pem.trim()}"`;
  const commands = [
    `printf '%s' '${app.id}' | npx wrangler secret put GITHUB_APP_ID${envFlag}`,
    `printf '%s' '${app.webhook_secret ?? ""}' | npx wrangler secret put GITHUB_WEBHOOK_SECRET${envFlag}`,
    `npx wrangler secret put GITHUB_APP_PRIVATE_KEY${envFlag} < ${PEM_FILE}`,
  ].join("\n");
  return html`<p>GitHub created <a href="${app.html_url}">${app.name}</a> (App id <code>${app.id}</code>${app.owner ? html`, owned by ${app.owner.login}` : ""}).
      <strong>Store these secrets now: GitHub never shows the private key again, and neither does this page.</strong></p>
    <h2>1. Save the private key</h2>
    <p>Save this as <code>${PEM_FILE}</code> (outside the repository), then delete the file once it is stored.</p>
    <textarea readonly rows="8">${app.pem}</textarea>
    <h2>2. Store the secrets</h2>
    <p>${deployed ? html`For this deployment (<code>${environment}</code>):` : html`For a deployment (change <code>--env</code> as needed):`}</p>
    <pre>${commands}</pre>
    <p>For local development, put these lines in <code>.dev.vars</code> instead and restart <code>npm run dev</code>:</p>
    <pre>${devVars}</pre>
    <h2>3. Install the App</h2>
    <div class="next">
      <p>Once the secrets are stored (and the worker restarted or redeployed), install the App on the accounts it should see:
        <a href="${installUrl}">${installUrl}</a></p>
    </div>`;
}
