import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { onExitSync } from "./cleanup.mjs";

/** Process groups not yet stopped. */
const liveGroups = new Set();

/** @param {number} pgid @param {NodeJS.Signals | 0} signal @returns {boolean} whether the group still exists */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {object} ChildHandle
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => Promise<void>} stop
 */

/**
 * Starts a command as the leader of its own process group, output appended to `logFile`.
 * wrangler forks workerd and esbuild, so only signalling the whole group stops everything it started.
 * @param {string} command @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, logFile: string }} options
 * @returns {ChildHandle}
 */
export function startProcess(command, args, { cwd, env, logFile }) {
  const log = openSync(logFile, "a");
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const pgid = /** @type {number} */ (child.pid);
  liveGroups.add(pgid);
  const unregister = onExitSync(() => signalGroup(pgid, "SIGKILL"));
  return {
    exited,
    stop: async () => {
      await stopGroup(pgid, exited);
      unregister();
    },
  };
}

/** @param {number} pgid @param {Promise<unknown>} exited */
async function stopGroup(pgid, exited) {
  if (!liveGroups.has(pgid)) return;
  signalGroup(pgid, "SIGTERM");
  await Promise.race([exited.catch(() => {}), delay(5000)]);
  // The leader can exit before the workerd processes it forked; give them a moment, then force it.
  for (let i = 0; i < 20 && signalGroup(pgid, 0); i++) await delay(100);
  signalGroup(pgid, "SIGKILL");
  liveGroups.delete(pgid);
}

/**
 * Runs a command to completion in its own process group and throws, naming the log, if it fails.
 * @param {string} command @param {string[]} args
 * @param {{ label: string, cwd: string, env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number }} options
 */
export async function runProcess(command, args, { label, timeoutMs, ...options }) {
  const handle = startProcess(command, args, options);
  const timer = setTimeout(() => handle.stop(), timeoutMs);
  try {
    const { code, signal } = await handle.exited;
    if (code !== 0) throw new Error(`${label} failed (${signal ?? `exit ${code}`}); see ${options.logFile}`);
  } finally {
    clearTimeout(timer);
    await handle.stop();
  }
}
