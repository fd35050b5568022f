import { describe, expect, it } from "vitest";
import { call, createContextViaRest, gql } from "../helpers";
import { registerActor } from "../fixtures/credentials";

const SUBSCRIPTION = `subscription($id: String, $after: String) { timeline(subjectId: $id, after: $after) { cursor event { type subjectId data } } }`;

/** Opens the SSE stream and returns a reader of its `next` payloads. */
async function subscribe(variables: Record<string, unknown>, key?: string) {
  const response = await call("/graphql", {
    method: "POST",
    key,
    headers: { accept: "text/event-stream" },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    response,
    /** The next `event: next` payload, or throws after `ms`. */
    async next(ms = 5_000): Promise<any> {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split("\n").find((l) => l.startsWith("data:"));
          if (frame.includes("event: next") && data) return JSON.parse(data.slice(5));
          continue;
        }
        if (Date.now() > deadline) throw new Error(`no event within ${ms} ms; got ${buffer}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; got ${buffer}`);
        buffer += value;
      }
    },
    close: () => reader.cancel(),
  };
}

describe("Subscription.timeline over SSE", () => {
  it("streams a context's new Chronicle events as they are written", async () => {
    const context = await createContextViaRest({ name: `streamed ${crypto.randomUUID()}` });
    const stream = await subscribe({ id: context.id });
    expect(stream.response.headers.get("content-type")).toMatch(/text\/event-stream/);
    try {
      await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "live" }) });
      const first = await stream.next();
      expect(first.data.timeline.event).toMatchObject({ type: "context.updated", subjectId: context.id, data: { version: 2 } });
    } finally {
      await stream.close();
    }
  });

  it("replays what was missed after a cursor, in order", async () => {
    const context = await createContextViaRest({ name: `replayed ${crypto.randomUUID()}` });
    const history = await gql(`query($id: String!) { timeline(subjectId: $id, first: 1) { edges { cursor } } }`, { id: context.id });
    const after = history.data!.timeline.edges[0].cursor;
    await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "a" }) });
    await call(`/v1/contexts/${context.id}`, { method: "DELETE" });
    const stream = await subscribe({ id: context.id, after });
    try {
      expect((await stream.next()).data.timeline.event.type).toBe("context.updated");
      expect((await stream.next()).data.timeline.event.type).toBe("context.deleted");
    } finally {
      await stream.close();
    }
  });

  it("refuses another actor's subject with FORBIDDEN and no stream, and a missing key with 401", async () => {
    const context = await createContextViaRest({ name: `private ${crypto.randomUUID()}` });
    const stranger = await registerActor(["contexts:read"]);
    const response = await call("/graphql", {
      method: "POST",
      key: stranger.apiKey,
      headers: { accept: "text/event-stream" },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { id: context.id } }),
    });
    const text = await response.text();
    // One error result, then the stream completes: no subscription was opened.
    expect(text).toMatch(/"code":"FORBIDDEN"[\s\S]*event: complete/);
    expect(text).not.toContain("context.created");
    const anonymous = await call("/graphql", { method: "POST", key: null, headers: { accept: "text/event-stream" }, body: JSON.stringify({ query: SUBSCRIPTION }) });
    expect(anonymous.status).toBe(401);
  });
});
