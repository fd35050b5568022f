import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import examples from "@octokit/webhooks-examples";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveGateway } from "../../scripts/bench/serve-gateway.mjs";
import { closeChromium, launchChromium } from "./chromium";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Every run writes its screenshot under test-results/ (ignored), so `npm test` leaves the tree clean;
// UPDATE_SCREENSHOT=1 refreshes the one docs/dashboard.md shows.
const SCREENSHOT = path.join(ROOT, process.env.UPDATE_SCREENSHOT === "1" ? "docs/dashboard.png" : "test-results/dashboard.png");
const secrets = {
  CHITTYCONNECT_ADMIN_KEY: `browser_${randomBytes(24).toString("base64url")}`,
  DELEGATION_SIGNING_SECRET: randomBytes(32).toString("base64url"),
  GITHUB_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
  GITHUB_STATE_SECRET: randomBytes(32).toString("base64url"),
};

let dir: string;
let gateway: { url: string; stop: () => Promise<void> } | undefined;
let browser: BrowserContext | undefined;

async function api(pathname: string, body: unknown) {
  const response = await fetch(`${gateway!.url}${pathname}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secrets.CHITTYCONNECT_ADMIN_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, any>>;
}

/** An `issues.opened` delivery GitHub really sent, from a repository webhook (no installation: no GitHub call needed). */
async function sendIssueDelivery(n: number): Promise<string> {
  const example = structuredClone((examples.find((d) => d.name === "issues")!.examples as any[]).find((e) => e.action === "opened"));
  delete example.installation;
  example.issue.node_id = `I_browser_${randomBytes(6).toString("hex")}`;
  example.issue.number = 1000 + n;
  const body = JSON.stringify(example);
  const deliveryId = crypto.randomUUID();
  const response = await fetch(`${gateway!.url}/integrations/github/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": deliveryId,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secrets.GITHUB_WEBHOOK_SECRET).update(body).digest("hex")}`,
    },
    body,
  });
  expect(response.status).toBe(202);
  return deliveryId;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chittyconnect-browser-"));
  // Chromium first: when it is missing, the test fails at once with how to install it.
  browser = await launchChromium();
  gateway = await serveGateway({ root: ROOT, dir, secrets });
});

afterAll(async () => {
  await closeChromium(browser);
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

describe("the dashboard in Chromium", () => {
  it("signs in with a key, shows a webhook's delivery arrive and turn processed within 5 s, and keeps the key in this tab only", async () => {
    const operator = await api("/v1/actors/register", { type: "human", displayName: "Operator", capabilities: ["github:admin", "actors:admin"] });
    await api("/v1/contexts/create", { name: "dashboard demo", description: "shown on the timeline" });
    const page: Page = await browser!.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const offOrigin: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(gateway!.url)) offOrigin.push(request.url());
    });

    await page.goto(`${gateway!.url}/dashboard`);
    await page.fill("#key", operator.apiKey);
    await page.click("#sign-in-button");
    await page.waitForSelector("#dashboard:not([hidden])");
    await page.waitForFunction(() => document.querySelector("#deliveries-state")?.textContent === "live", undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([operator.apiKey]);
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);

    const sent = Date.now();
    const deliveryId = await sendIssueDelivery(0);
    const row = `#deliveries-body tr[data-delivery-id="${deliveryId}"]`;
    await page.waitForSelector(row, { timeout: 5_000 });
    await page.waitForSelector(`${row}[data-status="processed"]`, { timeout: Math.max(1, 5_000 - (Date.now() - sent)) });
    expect(Date.now() - sent).toBeLessThanOrEqual(5_000);
    expect(await page.textContent(`${row} td:nth-child(3)`)).toBe("issues.opened");
    expect(await page.textContent(`${row} td:nth-child(5)`)).toMatch(/^\d+ ms$/);

    // A little more traffic for the chart and the timeline, then the screenshot docs/dashboard.md shows.
    const more = [];
    for (let n = 1; n <= 5; n++) more.push(await sendIssueDelivery(n));
    for (const id of more) await page.waitForSelector(`#deliveries-body tr[data-delivery-id="${id}"][data-status="processed"]`, { timeout: 15_000 });
    await page.waitForSelector("#timeline-list li");
    await page.waitForSelector("#health dl");
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(violations).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
