import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pollIntervalMs } from "../../../src/subscriptions/poll-interval";
import { call, createContextViaRest } from "../../helpers";
import { subscribe } from "../../fixtures/sse";

const INTERVAL = pollIntervalMs(env as Env);
const TIMELINE = `subscription($id: String) { timeline(subjectId: $id) { cursor event { type data } } }`;

describe("Subscription.timeline latency", () => {
  it("delivers each mutation's event within two poll intervals of the mutation's answer", async () => {
    const context = await createContextViaRest({ name: `latency ${crypto.randomUUID()}` });
    const stream = await subscribe(TIMELINE, { id: context.id });
    const latencies: number[] = [];
    try {
      for (let version = 1; version <= 5; version++) {
        // Mutations land at different points of the poll cycle.
        await new Promise((r) => setTimeout(r, 137 * version));
        const response = await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version}` }) });
        expect(response.status).toBe(200);
        const committed = Date.now();
        const event = (await stream.next(4 * INTERVAL)).data.timeline.event;
        latencies.push(Date.now() - committed);
        expect(event).toMatchObject({ type: "context.updated", data: { version: version + 1 } });
      }
      expect(Math.max(...latencies), `latencies ${latencies.join(", ")} ms`).toBeLessThanOrEqual(2 * INTERVAL);
    } finally {
      await stream.close();
    }
  });
});
