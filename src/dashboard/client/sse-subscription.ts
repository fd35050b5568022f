import type { GraphQLError } from "./graphql-client";

export type StreamState = "connecting" | "live" | "reconnecting" | "stopped";

export interface SubscriptionOptions<T> {
  key: string;
  query: string;
  variables?: Record<string, unknown>;
  onNext: (data: T) => void;
  onState: (state: StreamState, detail?: string) => void;
}

/** Errors after which reconnecting cannot help: the user must sign in with another key. */
const FINAL = new Set(["UNAUTHORIZED", "FORBIDDEN", "CREDENTIAL_REVOKED", "CREDENTIAL_EXPIRED", "ACTOR_INACTIVE", "CREDENTIAL_CHANGED"]);
const MAX_BACKOFF_MS = 15_000;

interface Frame {
  event: string;
  id?: string;
  data: string;
}

function parseFrame(block: string): Frame {
  const frame: Frame = { event: "message", data: "" };
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (name === "event") frame.event = value;
    else if (name === "id") frame.id = value;
    else if (name === "data") frame.data += frame.data ? `\n${value}` : value;
  }
  return frame;
}

/**
 * A GraphQL subscription over SSE with `fetch`, since EventSource cannot send an Authorization header. It keeps
 * the last event id and reconnects with Last-Event-ID (after a dropped connection, or when the server ends a stream
 * at its lifetime), so the views miss nothing; errors that a reconnect cannot fix stop it.
 */
export function subscribe<T>(options: SubscriptionOptions<T>): { close: () => void } {
  let lastEventId: string | undefined;
  let controller: AbortController | undefined;
  let closed = false;
  let failures = 0;

  async function connect(): Promise<void> {
    controller = new AbortController();
    options.onState(failures === 0 && lastEventId === undefined ? "connecting" : "reconnecting");
    const headers: Record<string, string> = { authorization: `Bearer ${options.key}`, accept: "text/event-stream", "content-type": "application/json" };
    if (lastEventId) headers["last-event-id"] = lastEventId;
    const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query: options.query, variables: options.variables ?? {} }), signal: controller.signal });
    if (response.status === 401) throw Object.assign(new Error("The key was refused"), { final: true });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = parseFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame.id) lastEventId = frame.id;
        if (frame.event === "complete") return;
        if (frame.event !== "next" || !frame.data) continue;
        const result = JSON.parse(frame.data) as { data?: T; errors?: GraphQLError[] };
        const error = result.errors?.[0];
        if (error) throw Object.assign(new Error(error.message), { final: FINAL.has(error.extensions?.code ?? "") });
        failures = 0;
        options.onState("live");
        if (result.data) options.onNext(result.data);
      }
      if (failures === 0) options.onState("live");
    }
  }

  (async () => {
    while (!closed) {
      try {
        await connect();
      } catch (error) {
        if (closed) return;
        if ((error as { final?: boolean }).final) {
          options.onState("stopped", (error as Error).message);
          return;
        }
        failures++;
      }
      if (closed) return;
      const wait = failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures);
      options.onState("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return {
    close: () => {
      closed = true;
      controller?.abort();
    },
  };
}
