import { html } from "hono/html";
import { DASHBOARD_ASSETS_VERSION } from "./generated/dashboard-assets";

/** Where the page's script and styles live: versioned by content, so a browser may keep them for good. */
export const DASHBOARD_ASSET_BASE = `/dashboard/assets/${DASHBOARD_ASSETS_VERSION}/`;

/**
 * The dashboard's HTML: static markup only. Behaviour comes from one script of our own origin, so the page's
 * Content-Security-Policy can forbid every inline script and style (serve-dashboard.ts).
 */
export function renderDashboardPage(): string {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>ChittyConnect dashboard</title>
    <link rel="stylesheet" href="${DASHBOARD_ASSET_BASE}dashboard.css" />
    <script type="module" src="${DASHBOARD_ASSET_BASE}dashboard.js"></script>
  </head>
  <body>
    <header>
      <h1>ChittyConnect</h1>
      <span class="who" id="who"></span>
      <span class="badge" id="health-state">…</span>
      <button type="button" id="sign-out">Sign out</button>
    </header>
    <main>
      <noscript>The dashboard needs JavaScript.</noscript>
      <section class="sign-in" id="sign-in">
        <form id="sign-in-form" autocomplete="off">
          <label for="key">API key</label>
          <input id="key" name="key" type="password" placeholder="cck_…" required />
          <button class="primary" type="submit" id="sign-in-button">Sign in</button>
        </form>
        <p class="error" id="sign-in-error" hidden></p>
        <p>
          The key stays in this tab's session storage and goes only to this gateway, with each request. Deliveries need
          <code>github:admin</code>; everyone's timeline needs <code>actors:admin</code>.
        </p>
      </section>
      <div class="grid" id="dashboard" hidden>
        <section class="card wide">
          <h2>Deliveries per minute, processing p50 / p95 <span class="badge" id="deliveries-state">…</span></h2>
          <div id="delivery-chart"></div>
        </section>
        <section class="card">
          <h2>Recent deliveries</h2>
          <p class="note" id="deliveries-note" hidden></p>
          <div class="scroll">
            <table id="deliveries">
              <thead><tr><th>received</th><th>status</th><th>event</th><th>repository</th><th>processing</th></tr></thead>
              <tbody id="deliveries-body"></tbody>
            </table>
          </div>
        </section>
        <section class="card">
          <h2>Health</h2>
          <div id="health"></div>
          <h2>Chronicle timeline <span class="badge" id="timeline-state">…</span></h2>
          <p class="note" id="timeline-note" hidden></p>
          <div class="scroll"><ol class="timeline" id="timeline-list"></ol></div>
        </section>
      </div>
    </main>
  </body>
</html>`.toString();
}
