import { describe, expect, it } from "vitest";
import { KEEP_ALIVE_MS } from "../../../src/subscriptions/resumable-sse";
import { call, createContextViaRest } from "../../helpers";

describe("the raw SSE stream", () => {
  it("carries an id: line with every next event, and a keep-alive comment at least every 15 s", async () => {
    expect(KEEP_ALIVE_MS).toBeLessThanOrEqual(15_000);
    const context = await createContextViaRest({ name: `raw ${crypto.randomUUID()}` });
    const response = await call("/graphql", {
      method: "POST",
      headers: { accept: "text/event-stream" },
      body: JSON.stringify({ query: `subscription($id: String) { timeline(subjectId: $id) { event { type } } }`, variables: { id: context.id } }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let raw = "";
    const opened = Date.now();
    try {
      await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version: 1, description: "raw" }) });
      // Read until one event and, after it, one keep-alive have arrived; nothing else is written meanwhile.
      while (!/event: next\nid: [\w-]+\ndata: \{"data":\{"timeline":\{"event":\{"type":"context.updated"\}\}\}\}\n\n(?:[\s\S]*?):\n\n/.test(raw)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${raw}`);
        raw += value;
        if (Date.now() - opened > 15_000 + 5_000) throw new Error(`no keep-alive within 15 s: ${JSON.stringify(raw)}`);
      }
    } finally {
      await reader.cancel();
    }
    expect(raw.startsWith(":\n\n"), "a first comment flushes the headers").toBe(true);
    const next = raw.split("\n\n").find((frame) => frame.startsWith("event: next"))!;
    expect(next.split("\n")).toEqual([expect.stringMatching(/^event: next$/), expect.stringMatching(/^id: [A-Za-z0-9_-]+$/), expect.stringMatching(/^data: \{/)]);
  }, 60_000);
});
