const POLL_MS = 1_000;
const STABLE_POLLS = 3;
const TIMEOUT_MS = 300_000;

/**
 * Waits until the gateway's queue consumer has caught up: no delivery is mid-processing and the number of
 * finished deliveries has stopped growing for a few polls. The ack writes no row, so a message still in the
 * queue is invisible to D1; a count that no longer grows is the only sign the backlog is gone.
 * @param {import("./gateway-client.mjs").GatewayClient} client An operator (github:admin) client.
 * @param {(finished: number) => void} [progress] Called every 10 polls, so a long wait shows it is moving.
 * @returns {Promise<{ finished: number, waitedMs: number }>}
 */
export async function waitDrained(client, progress) {
  const started = performance.now();
  let last = -1;
  let stable = 0;
  for (let poll = 1; ; poll++) {
    const { data } = await client.postJson("/graphql", {
      query: "{ deliveryMetrics { counts { received processed ignored failed dead } } }",
    });
    const c = data.deliveryMetrics.counts;
    const finished = c.processed + c.ignored + c.dead;
    stable = c.received === 0 && c.failed === 0 && finished === last ? stable + 1 : 0;
    last = finished;
    if (poll % 10 === 0) progress?.(finished);
    if (stable >= STABLE_POLLS) return { finished, waitedMs: Math.round(performance.now() - started) };
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`the gateway's queue did not drain within ${TIMEOUT_MS / 1000} s (${JSON.stringify(c)})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
