import { and, inArray, like, sql } from "drizzle-orm";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chronicleEvents, installations, webhookDeliveries } from "../../../src/db/schema";
import { FakeGitHub, installationResource } from "../../fakes/github";
import { db } from "../../fixtures/db";
import { PROCESSED } from "../../fixtures/github/events";
import { deliver } from "../../fixtures/github/sign";
import { exampleDeliveries, exampleFolders, type ExampleDelivery } from "../../fixtures/github/webhook-examples";

afterEach(() => vi.restoreAllMocks());

const bindings = env as Env;
const print = console.log.bind(console);
/** The handled events, and the actions recorded for each (none listed: every delivery, as push has no action). */
const EVENTS = [...new Set(PROCESSED.map((p) => p.event))];
const recorded = (event: string, action: string | undefined) => PROCESSED.some((p) => p.event === event && (p.action === undefined || p.action === action));
const FINAL = ["processed", "ignored", "dead"];
const NO_INSTALLATION = "no installation in the payload (repository or organization webhook)";
// D1 binds at most 100 parameters per statement.
const chunks = <T>(items: T[], size = 90) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

interface Sent extends ExampleDelivery {
  deliveryId: string;
}

/** Signs and sends each payload through the Worker's webhook with a fresh delivery id, a few at a time. */
async function send(examples: ExampleDelivery[]): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const part of chunks(examples, 8)) {
    await Promise.all(
      part.map(async (example) => {
        const deliveryId = crypto.randomUUID();
        const response = await deliver({ event: example.event, body: JSON.stringify(example.payload), deliveryId });
        expect(response.status, `${example.event}.${example.action} was not accepted`).toBe(202);
        sent.push({ ...example, deliveryId });
      }),
    );
  }
  return sent;
}

async function rowsOf(sent: Sent[]) {
  const rows = [];
  for (const part of chunks(sent.map((s) => s.deliveryId))) rows.push(...(await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.deliveryId, part))));
  return new Map(rows.map((r) => [r.deliveryId, r]));
}

/** Waits until the real queue consumer has brought every delivery to a final status; what never gets there is lost. */
async function settle(sent: Sent[]) {
  await vi.waitFor(
    async () => {
      const rows = await rowsOf(sent);
      const lost = sent.filter((s) => !FINAL.includes(rows.get(s.deliveryId)?.status ?? "missing"));
      expect(lost.map((s) => ({ event: s.event, action: s.action, status: rows.get(s.deliveryId)?.status, lastError: rows.get(s.deliveryId)?.lastError }))).toEqual([]);
    },
    { timeout: 150_000, interval: 500 },
  );
}

/** Chronicle events that carry one of the deliveries' ids, by delivery id. */
async function chronicleOf(sent: Sent[]) {
  const byDelivery = new Map<string, { type: string; data: Record<string, any> }[]>();
  for (const part of chunks(sent.map((s) => s.deliveryId))) {
    const deliveryId = sql<string>`json_extract(${chronicleEvents.data}, '$.deliveryId')`;
    const rows = await db.select({ type: chronicleEvents.type, data: chronicleEvents.data }).from(chronicleEvents).where(and(like(chronicleEvents.type, "github.%"), inArray(deliveryId, part)));
    for (const row of rows) {
      const id = String(row.data.deliveryId);
      byDelivery.set(id, [...(byDelivery.get(id) ?? []), row]);
    }
  }
  return byDelivery;
}

/** The one Chronicle type a delivery of this event writes per delivery (push also writes one per commit). */
const isDeliveryType = (event: string, type: string) => (event === "push" ? type === "github.push" : type.startsWith(`github.${event}.`));

function summaryTable(sent: Sent[], outcomes: Map<string, string>): string {
  const counts = new Map<string, number>();
  for (const s of sent) {
    for (const folder of s.folders) {
      const key = [s.event, s.action ?? "-", folder, outcomes.get(s.deliveryId) ?? "missing"].join("\t");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [...key.split("\t"), String(n)]);
  const table = [["event", "action", "folder", "outcome", "count"], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")).join("\n");
}

describe("every payload GitHub really sends (@octokit/webhooks-examples) through webhook → EVENT_Q → consumer → D1", () => {
  it("processes or deliberately ignores each one: none dead, none lost, none recorded twice", { timeout: 300_000 }, async () => {
    const folders = [...exampleFolders().keys()];
    expect(folders).toContain("api.github.com");
    expect(folders.filter((f) => f.startsWith("ghes-")).length).toBeGreaterThan(0);
    const examples = await exampleDeliveries(EVENTS);
    for (const event of EVENTS) expect(examples.some((e) => e.event === event), `no example of ${event}`).toBe(true);

    // The worker's own logs would bury the summary; errors and warnings still show.
    vi.spyOn(console, "log").mockImplementation(() => {});
    const dlq = vi.spyOn(bindings.EVENT_DLQ, "send");
    // The handlers' own GitHub reads are counted below; review jobs (tested in test/integration/reviews) would add theirs.
    vi.spyOn(bindings.REVIEW_Q, "send").mockResolvedValue(undefined as never);
    const github = new FakeGitHub().install();
    const pullRequestInstallations = new Set(examples.filter((e) => e.event === "pull_request").flatMap((e) => (e.payload.installation ? [e.payload.installation.id as number] : [])));
    for (const id of pullRequestInstallations) github.installations.set(id, installationResource(id));
    // Storage may hold these example installations from other tests; one known to be gone is not read as.
    const gone = new Set(
      (await db.select().from(installations).where(inArray(installations.id, [...pullRequestInstallations])))
        .filter((row) => row.uninstalledAt !== null || row.suspendedAt !== null)
        .map((row) => row.id),
    );

    // Installation events go last: an example installation.deleted would otherwise race the pull requests of its installation.
    const first = examples.filter((e) => !e.event.startsWith("installation"));
    const sent = await send(first);
    await settle(sent);
    const later = await send(examples.filter((e) => e.event.startsWith("installation")));
    await settle(later);
    sent.push(...later);

    const rows = await rowsOf(sent);
    const outcomes = new Map(sent.map((s) => [s.deliveryId, rows.get(s.deliveryId)!.status]));
    print(`webhook examples: ${sent.length} distinct payloads from ${folders.length} folders\n${summaryTable(sent, outcomes)}`);

    const wrong = sent.filter((s) => outcomes.get(s.deliveryId) !== (recorded(s.event, s.action) ? "processed" : "ignored"));
    expect(wrong.map((s) => ({ event: s.event, action: s.action, folders: s.folders, status: outcomes.get(s.deliveryId), lastError: rows.get(s.deliveryId)!.lastError }))).toEqual([]);
    expect([...outcomes.values()].filter((status) => status === "dead" || status === "failed")).toEqual([]);
    expect(dlq).not.toHaveBeenCalled();

    const chronicle = await chronicleOf(sent);
    const counted = sent.map((s) => ({
      event: s.event,
      action: s.action,
      outcome: outcomes.get(s.deliveryId),
      events: (chronicle.get(s.deliveryId) ?? []).filter((e) => isDeliveryType(s.event, e.type)).length,
    }));
    expect(counted.filter((c) => c.events !== (c.outcome === "processed" ? 1 : 0))).toEqual([]);
    for (const s of sent.filter((p) => p.event === "push")) {
      const commits = (chronicle.get(s.deliveryId) ?? []).filter((e) => e.type === "github.push.commit");
      expect(commits.map((c) => c.data.sha)).toEqual(expect.arrayContaining(s.payload.commits.map((c: { id: string }) => c.id)));
      expect(commits).toHaveLength(s.payload.commits.length);
    }

    const pullRequests = sent.filter((s) => s.event === "pull_request" && outcomes.get(s.deliveryId) === "processed");
    const readable = pullRequests.filter((s) => s.payload.installation && !gone.has(s.payload.installation.id));
    expect(pullRequests.some((s) => !s.payload.installation)).toBe(true);
    expect(readable.length).toBeGreaterThan(0);
    for (const s of pullRequests) {
      const [recordedEvent] = (chronicle.get(s.deliveryId) ?? []).filter((e) => isDeliveryType(s.event, e.type));
      const data = recordedEvent!.data;
      if (readable.includes(s)) {
        expect(data.skipped).toBeUndefined();
        expect(data.size).toEqual({ additions: expect.any(Number), deletions: expect.any(Number), changedFiles: expect.any(Number) });
      } else {
        const reason = s.payload.installation ? expect.stringContaining(`installation ${s.payload.installation.id}`) : NO_INSTALLATION;
        expect(data.skipped).toEqual([{ step: "github.pull_request.read", reason }]);
        expect(data).toMatchObject({ size: null, title: s.payload.pull_request.title });
        if (s.action === "closed") expect(recordedEvent!.type).toBe(s.payload.pull_request.merged ? "github.pull_request.merged" : "github.pull_request.closed");
      }
    }
    // One GraphQL read per pull request that had an installation to read as, and none for the others. (TRIAGE_Q's
    // jobs read too, at their own pace: triage and repository contexts of the same installations.)
    expect(github.graphqlCalls().filter((c) => c.operation === "PullRequestDetails")).toHaveLength(readable.length);
  });
});
