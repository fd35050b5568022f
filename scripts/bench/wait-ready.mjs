import { setTimeout as delay } from "node:timers/promises";

/**
 * Polls `url` until it answers 200, failing early if `exited` settles first (the server crashed).
 * @param {string} url
 * @param {{ timeoutMs: number, exited?: Promise<unknown>, what: string }} options
 */
export async function waitReady(url, { timeoutMs, exited, what }) {
  let crashed = false;
  exited?.then(
    () => (crashed = true),
    () => (crashed = true),
  );
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (crashed) throw new Error(`${what} exited before it answered ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      const { cause, message } = /** @type {Error & { cause?: { code?: string } }} */ (error);
      last = cause?.code ?? message;
    }
    await delay(250);
  }
  throw new Error(`${what} did not answer 200 on ${url} within ${timeoutMs / 1000} s (last: ${last})`);
}
