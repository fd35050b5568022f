import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildBundle } from "../../scripts/miniflare/bundled-worker.mjs";
import { bundleDir } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "../..");

const mapOf = async (dir: string) => (await readdir(dir)).find((file) => file.endsWith(".js.map"))!;

async function sourcesOf(dir: string): Promise<string[]> {
  return (JSON.parse(await readFile(path.join(dir, await mapOf(dir)), "utf8")) as { sources: string[] }).sources;
}

function expectOneGraphql(sources: string[]) {
  const graphqlFiles = sources.filter((source) => /(^|\/)node_modules\/graphql\//.test(source));
  const commonJs = graphqlFiles.filter((source) => source.endsWith(".js"));
  const esm = graphqlFiles.filter((source) => source.endsWith(".mjs"));
  // Guards the check itself: the map names graphql's modules at all.
  expect(graphqlFiles.length).toBeGreaterThan(0);
  expect(commonJs.length === 0 || esm.length === 0, `both builds are bundled; CommonJS files: ${commonJs.join(", ")}`).toBe(true);
}

describe("the bundles wrangler deploys", () => {
  it("contains one build of graphql, so GraphQLError instanceof checks hold everywhere", async () => {
    expectOneGraphql(await sourcesOf(bundleDir()));
  });

  it("ships production with one graphql and without GraphiQL's files, which only development serves", async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), "chittyconnect-production-"));
    const entry = await buildBundle({ root: ROOT, configPath: path.join(ROOT, "wrangler.toml"), outdir, logFile: path.join(outdir, "build.log"), wranglerEnv: "production" });
    const sources = await sourcesOf(outdir);
    expectOneGraphql(sources);
    expect(sources.filter((s) => /render-graphiql\/(esm|cjs)\/|graphiql-assets/.test(s))).toEqual([]);
    const bytes = await readFile(entry);
    console.log(`production bundle: ${(bytes.length / 1024).toFixed(0)} KiB, ${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzip`);
    const developmentBundle = path.join(bundleDir(), (await mapOf(bundleDir())).replace(/\.map$/, ""));
    expect((await stat(entry)).size).toBeLessThan((await stat(developmentBundle)).size / 4);
  });
});
