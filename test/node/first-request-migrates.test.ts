import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_startWorker } from "wrangler";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" };

// wrangler dev's own local simulator against a state directory nothing has touched: a fresh clone's first run.
describe("a fresh D1", { timeout: 240_000 }, () => {
  let state: string;
  afterAll(async () => {
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("is migrated by the first request, initialization runs once, and wrangler then finds nothing to apply", async () => {
    state = await mkdtemp(path.join(tmpdir(), "chittyconnect-fresh-d1-"));
    Object.assign(process.env, { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" });
    const worker = await unstable_startWorker({
      config: path.join(ROOT, "wrangler.toml"),
      dev: { persist: state, inspector: false, watch: false, server: { hostname: "127.0.0.1", port: 0 }, logLevel: "warn" },
    });
    try {
      await worker.ready;
      // Two concurrent first requests: one migrates, the other finds each migration applied (one batch each).
      const first = await Promise.all([worker.fetch("http://connect.test/health"), worker.fetch("http://connect.test/health")]);
      // Read as text first, so a failure shows what the request answered.
      const texts = await Promise.all(first.map((r) => r.text()));
      expect(first.map((r, i) => `${r.status} ${texts[i]!.slice(0, 300)}`)).toEqual([expect.stringMatching(/^200 /), expect.stringMatching(/^200 /)]);
      const bodies = texts.map((t) => JSON.parse(t)) as Record<string, any>[];
      for (const body of bodies) expect(body.database).toEqual({ reachable: true, migrated: true });

      // Initialization runs after the response; /health reports each step.
      let health: Record<string, any> = {};
      for (let i = 0; i < 60; i++) {
        health = (await (await worker.fetch("http://connect.test/health")).json()) as Record<string, any>;
        if (health.initialization?.status === "complete") break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(health.initialization.status).toBe("complete");
      expect(health.initialization.steps).toHaveLength(9);
      for (const service of Object.values(health.ecosystem.services)) expect(service).toMatchObject({ mode: "embedded", circuit: "closed" });
    } finally {
      await worker.dispose();
    }

    const wrangler = path.join(ROOT, "node_modules/.bin/wrangler");
    const options = { cwd: ROOT, env: quiet, maxBuffer: 10 * 1024 * 1024 };
    const applied = await run(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], options);
    expect(applied.stdout).toMatch(/No migrations to apply/);
    const service = await run(
      wrangler,
      ["d1", "execute", "DB", "--local", "--persist-to", state, "--json", "--command", "SELECT count(*) AS n FROM contexts WHERE name = 'chittyconnect-service'"],
      options,
    );
    expect(JSON.parse(service.stdout)[0].results).toEqual([{ n: 1 }]);
  });
});
