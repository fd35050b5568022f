import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's Chromium: playwright's own browser downloads cannot reach their CDN from here. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a headless run that opens no connection of its own: no updates, no sync, no QUIC, no GPU. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Launches Chromium with a fresh profile; throws, saying how to install it, when it is missing. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (as root, or with sudo); .ci/run does this before npm test`);
  }
  // launchPersistentContext is how playwright takes --user-data-dir: a profile nobody else has touched.
  const profile = mkdtempSync(path.join(tmpdir(), "chittyconnect-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1440, height: 900 } });
  profiles.set(context, profile);
  return context;
}

const profiles = new WeakMap<BrowserContext, string>();

/**
 * Closes the browser, then removes its profile. Not on the context's "close" event: that fires while Chromium's
 * helper processes may still be writing their caches, and the removal then fails with ENOTEMPTY.
 */
export async function closeChromium(context: BrowserContext | undefined): Promise<void> {
  if (!context) return;
  await context.close();
  const profile = profiles.get(context);
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
