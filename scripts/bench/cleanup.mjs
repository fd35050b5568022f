/** @type {Array<() => unknown>} */
const cleanups = [];
/** @type {Array<() => void>} */
const exitHooks = [];
let running;

process.on("exit", () => {
  for (const hook of exitHooks.splice(0).reverse()) {
    try {
      hook();
    } catch {
      // Exiting anyway; one failed step must not stop the rest from running.
    }
  }
});

/**
 * @template {Function} T
 * @param {T[]} list @param {T} fn
 */
function register(list, fn) {
  list.push(fn);
  return () => {
    const index = list.indexOf(fn);
    if (index !== -1) list.splice(index, 1);
  };
}

/**
 * Registers graceful cleanup for the normal end of a run (servers stopped politely, then files removed).
 * @param {() => unknown} fn
 * @returns {() => void} Unregisters `fn` once its owner has already cleaned up.
 */
export const onCleanup = (fn) => register(cleanups, fn);

/**
 * Registers a synchronous last resort for every other way out (signal, watchdog, uncaught error),
 * when only synchronous work still runs. Hooks run newest first: processes die before their files go.
 * @param {() => void} fn
 * @returns {() => void}
 */
export const onExitSync = (fn) => register(exitHooks, fn);

/** Runs the graceful cleanups, newest first, so servers stop before the directory they write to is removed. */
export function runCleanups() {
  running ??= (async () => {
    while (cleanups.length > 0) {
      const fn = cleanups.pop();
      try {
        await fn?.();
      } catch (error) {
        console.error("bench: cleanup step failed:", error);
      }
    }
  })();
  return running;
}

/**
 * Makes Ctrl-C, SIGTERM and a stuck run end through the exit hooks instead of orphaning servers.
 * Prepended because importing wrangler registers SIGINT/SIGTERM listeners that exit at once with
 * status 0; ours must run first, report the interruption and exit non-zero.
 * @param {number} budgetMs Hard limit for the whole run.
 */
export function installCleanupHandlers(budgetMs) {
  for (const [signal, code] of /** @type {const} */ ([["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]])) {
    process.prependListener(signal, () => {
      console.error(`\nbench: ${signal} received; stopping servers.`);
      process.exit(code);
    });
  }
  setTimeout(() => {
    console.error(`bench: gave up after ${Math.round(budgetMs / 1000)} s; a server or a run is stuck.`);
    process.exit(1);
  }, budgetMs).unref();
}
