import { html } from "hono/html";
import type { AppManifest } from "../app-manifest";

/**
 * The page of GitHub's app-manifest flow: a form that posts the manifest to GitHub, which creates
 * the App and sends the browser back to /integrations/github/manifest with a one-time code.
 */
export function setupPage(options: { action: string; manifest: AppManifest; owner: string }) {
  const { action, manifest, owner } = options;
  return html`<p>This creates the GitHub App for this deployment (<code>${manifest.url}</code>) under <strong>${owner}</strong>,
      with these permissions and events:</p>
    <ul>
      ${Object.entries(manifest.default_permissions).map(([name, access]) => html`<li><code>${name}</code>: ${access}</li>`)}
      <li>events: ${manifest.default_events.join(", ")}, plus installation and installation_repositories, which GitHub always sends</li>
    </ul>
    <form action="${action}" method="post">
      <input type="hidden" name="manifest" value="${JSON.stringify(manifest)}" />
      <button type="submit">Create the GitHub App on GitHub</button>
    </form>
    <div class="next">
      <p>GitHub asks you to confirm the name, then sends you back here to a page with the App's id, private key and webhook
        secret, and the exact commands to store them. That page is shown once.</p>
    </div>
    <form method="get">
      <p>To create it under an organization instead, name it: <input name="org" pattern="[A-Za-z0-9-]{1,39}" required />
        <button type="submit">Use this organization</button></p>
    </form>`;
}
