import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chronicleEvents } from "../../../src/db/schema";
import { call, createContextViaRest } from "../../helpers";
import { db } from "../../fixtures/db";
import { subscribe } from "../../fixtures/sse";

const TIMELINE = `subscription($id: String) { timeline(subjectId: $id) { cursor event { id data } } }`;

describe("resuming with Last-Event-ID", () => {
  it("gets exactly what it missed over three reconnects while events keep arriving: no gap, no duplicate", async () => {
    const context = await createContextViaRest({ name: `resume ${crypto.randomUUID()}` });
    let writing = true;
    let version = 1;
    const writer = (async () => {
      while (writing) {
        const response = await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version}` }) });
        if (response.status === 200) version++;
        await new Promise((r) => setTimeout(r, 120));
      }
    })();

    const received: string[] = [];
    let lastEventId: string | undefined;
    try {
      for (let connection = 0; connection < 4; connection++) {
        const stream = await subscribe(TIMELINE, { id: context.id }, undefined, lastEventId ? { "last-event-id": lastEventId } : {});
        try {
          // A few events per connection, then drop it mid-stream while the writer goes on.
          for (let n = 0; n < 4; n++) {
            let frame = await stream.frame(10_000);
            while (frame && frame.event !== "next") frame = await stream.frame(10_000);
            expect(frame?.id, "every event carries its cursor as the SSE id").toBeTruthy();
            expect(frame!.id).toBe(frame!.data.data.timeline.cursor);
            received.push(frame!.data.data.timeline.event.id);
            lastEventId = frame!.id;
          }
        } finally {
          await stream.close();
        }
        // Events written while no stream is open must still arrive after the reconnect.
        await new Promise((r) => setTimeout(r, 400));
      }
    } finally {
      writing = false;
      await writer;
    }
    const stored = await db.select({ id: chronicleEvents.id }).from(chronicleEvents).where(eq(chronicleEvents.subjectId, context.id)).orderBy(asc(chronicleEvents.seq));
    const updates = stored.map((e) => e.id);
    // The first stream started "now", after context.created; from there on every event arrived once, in order.
    const from = updates.indexOf(received[0]!);
    expect(from).toBeGreaterThan(0);
    expect(received).toEqual(updates.slice(from, from + received.length));
    expect(new Set(received).size).toBe(16);
  });

  it("prefers Last-Event-ID over the `after` the client first subscribed with, and refuses a cursor it did not issue", async () => {
    const context = await createContextViaRest({ name: `prefer ${crypto.randomUUID()}` });
    for (let version = 1; version <= 3; version++) {
      await call(`/v1/contexts/${context.id}`, { method: "PATCH", body: JSON.stringify({ version, description: `v${version}` }) });
    }
    const all = await db.select({ seq: chronicleEvents.seq, id: chronicleEvents.id }).from(chronicleEvents).where(eq(chronicleEvents.subjectId, context.id)).orderBy(asc(chronicleEvents.seq));
    const first = await subscribe(TIMELINE, { id: context.id, after: null }, undefined, {});
    await first.close();
    const cursorOf = (seq: number) => btoa(JSON.stringify([seq])).replaceAll("=", "");
    const stream = await subscribe(`subscription($id: String, $after: String) { timeline(subjectId: $id, after: $after) { event { id } } }`, { id: context.id, after: cursorOf(all[0]!.seq) }, undefined, { "last-event-id": cursorOf(all[2]!.seq) });
    try {
      expect((await stream.next()).data.timeline.event.id).toBe(all[3]!.id);
    } finally {
      await stream.close();
    }
    const bad = await subscribe(TIMELINE, { id: context.id }, undefined, { "last-event-id": "not-a-cursor" });
    const frame = await bad.next();
    expect(frame.errors[0].extensions.code).toBe("INVALID_CURSOR");
    await bad.close();
  });
});
