import { html } from "hono/html";

/** Where the installation callback lands when everything was recorded. */
export function installedPage(installationId: string) {
  return html`<p>Installation <code>${installationId}</code> is connected: ChittyConnect now receives its pushes, pull requests and issues.</p>
    <div class="next">
      <p><strong>Next step:</strong> operators can see it with the GraphQL query
        <code>{ installation(id: "${installationId}") { chittyId account { login } repositories { fullName } } }</code>.
        To change which repositories it covers, use the App's installation settings on GitHub.</p>
    </div>`;
}

/** Where the callback lands when an organization member asked for the App and an owner must approve. */
export function requestedPage() {
  return html`<p>Your request to install the App was sent to the organization's owners.</p>
    <div class="next"><p><strong>Next step:</strong> once an owner approves it on GitHub, GitHub connects it here on its own.</p></div>`;
}
