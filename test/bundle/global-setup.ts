import path from "node:path";
import type { TestProject } from "vitest/node";
import { startBundledWorker, type BundleInfo } from "./bundled-worker";

declare module "vitest" {
  export interface ProvidedContext {
    bundle: BundleInfo;
  }
}

/** One build and one Miniflare for the whole run; every test file reaches them through test/bundle/helpers.ts. */
export default async function setup(project: TestProject) {
  const worker = await startBundledWorker(path.resolve(import.meta.dirname, "../.."));
  const { stop, ...info } = worker;
  project.provide("bundle", info);
  return stop;
}
