import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { saveInstallation } from "../../../src/resolvers/connect-installation";
import { githubInstallation } from "../../../src/github/installation";
import { chronicleEvents, dnaRecords, installationRepositories, installations } from "../../../src/db/schema";
import { db } from "../../fixtures/db";
import { installationResource, repositoryResource } from "../../fakes/github";

const newId = () => 20_000_000 + Math.floor(Math.random() * 9_999_999);
const describeInstallation = (id: number, overrides = {}) => githubInstallation.parse(installationResource(id, overrides));
const repos = (id: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: id * 100 + i, full_name: `o/r${i}`, private: false }));

describe("saveInstallation", () => {
  it("writes nothing when any statement of its batch fails", async () => {
    const id = newId();
    const trigger = `fail_install_${id}`;
    await db.run(sql.raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON chronicle_events
      WHEN json_extract(NEW.data, '$.installationId') = ${id} BEGIN SELECT RAISE(ABORT, 'chronicle unavailable'); END`));
    try {
      await expect(saveInstallation(env, db, describeInstallation(id), repos(id, 30))).rejects.toThrow(/chronicle unavailable/);
    } finally {
      await db.run(sql.raw(`DROP TRIGGER ${trigger}`));
    }
    expect(await db.select().from(installations).where(eq(installations.id, id))).toEqual([]);
    expect(await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, id))).toEqual([]);
  });

  it("gives two concurrent first callbacks one installation, one ChittyID and one genesis", async () => {
    const id = newId();
    const results = await Promise.all([saveInstallation(env, db, describeInstallation(id), repos(id, 3)), saveInstallation(env as Env, db, describeInstallation(id), repos(id, 3))]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    const [row] = await db.select().from(installations).where(eq(installations.id, id));
    expect(results.map((r) => r.installation.chittyId)).toEqual([row!.chittyId, row!.chittyId]);
    const dna = await db.select().from(dnaRecords).where(eq(dnaRecords.subjectId, row!.chittyId)).orderBy(dnaRecords.sequence);
    expect(dna.map((r) => r.kind)).toEqual(["genesis", "evolution"]);
    const events = await db.select().from(chronicleEvents).where(eq(chronicleEvents.subjectId, row!.chittyId));
    expect(events.map((e) => e.type).sort()).toEqual(["github.app.installed", "github.app.updated"]);
    expect(await db.select().from(installationRepositories).where(eq(installationRepositories.installationId, id))).toHaveLength(3);
  });

  it("reads an enterprise account and Unix-second timestamps from webhook-shaped payloads", async () => {
    const id = newId();
    const gh = describeInstallation(id, { account: { slug: "octo-enterprise", name: "Octo" }, created_at: 1_775_044_800, suspended_at: null });
    const { installation } = await saveInstallation(env, db, gh, [repositoryResource(1, "a/b")].map((r) => ({ id: r.id as number, full_name: r.full_name as string, private: false })));
    expect(installation).toMatchObject({ accountLogin: "octo-enterprise", accountType: "Enterprise", installedAt: 1_775_044_800_000 });
  });
});
