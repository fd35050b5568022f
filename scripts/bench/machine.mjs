import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";

const require = createRequire(import.meta.url);
const versionOf = (/** @type {string} */ pkg) => require(`${pkg}/package.json`).version;

/** @param {string} root @param {string[]} args */
function git(root, args) {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * What the numbers depend on: load generator and servers share these cores, other work on the machine
 * (the load average before the run) competes for them, and the code may be uncommitted.
 * @param {string} root
 */
export function describeMachine(root) {
  const commit = git(root, ["rev-parse", "--short", "HEAD"]);
  const dirty = git(root, ["status", "--porcelain", "--", "src", "migrations", "wrangler.toml", "package.json"]);
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    wrangler: versionOf("wrangler"),
    miniflare: versionOf("miniflare"),
    autocannon: versionOf("autocannon"),
    commit: commit ? `${commit}${dirty ? " + uncommitted changes" : ""}` : "unknown",
    loadAverageAtStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
