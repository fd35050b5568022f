import type { ExecutionResult } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { channelOfRequest, openStreamChannel, type StreamChannel } from "./stream-channel";

/** Proxies close idle connections (Cloudflare's after 100 s); a comment line this often keeps a quiet stream open. */
export const KEEP_ALIVE_MS = 10_000;

const encoder = new TextEncoder();
// A cursor is base64url today; a line break in an id would start a new SSE field, so none ever gets through.
const field = (name: string, value: string) => `${name}: ${value.replace(/[\r\n]/g, "")}\n`;

/** The result as Yoga would send it: the internal `http` and `unexpected` extensions are dropped. */
function serialize(result: ExecutionResult): string {
  const strip = (extensions: Record<string, unknown> | undefined) => {
    const { http: _http, unexpected: _unexpected, ...rest } = extensions ?? {};
    return Object.keys(rest).length ? rest : undefined;
  };
  const errors = result.errors?.map((error) => {
    const json = (typeof error.toJSON === "function" ? error.toJSON() : error) as { extensions?: Record<string, unknown> };
    return { ...json, extensions: strip(json.extensions) };
  });
  return JSON.stringify({ ...result, errors, extensions: strip(result.extensions as Record<string, unknown> | undefined) });
}

/**
 * GraphQL over SSE ("distinct connections" mode, as Yoga sends it) with what Yoga's writer lacks: every `next`
 * carries `id: <cursor>`, so a browser or client reconnects with `Last-Event-ID` and misses nothing; the final
 * `complete` carries the cursor the stream stopped at; and a `:` comment goes out every KEEP_ALIVE_MS.
 */
export function resumableSseResponse(result: AsyncIterable<ExecutionResult>, channel: StreamChannel | undefined): Response {
  const iterator = result[Symbol.asyncIterator]();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A first byte at once: some clients wait for one before they consider the stream open.
      controller.enqueue(encoder.encode(":\n\n"));
      keepAlive = setInterval(() => {
        if (controller.desiredSize === null) clearInterval(keepAlive);
        else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(":\n\n"));
      }, KEEP_ALIVE_MS);
    },
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (value != null) {
          const id = channel?.eventId;
          controller.enqueue(encoder.encode(`event: next\n${id ? field("id", id) : ""}data: ${serialize(value)}\n\n`));
        }
        if (done) {
          clearInterval(keepAlive);
          const position = channel?.position;
          controller.enqueue(encoder.encode(`event: complete\n${position ? field("id", position) : ""}data:\n\n`));
          controller.close();
        }
      } catch (error) {
        clearInterval(keepAlive);
        controller.error(error);
      }
    },
    async cancel() {
      clearInterval(keepAlive);
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "content-encoding": "none" } });
}

/**
 * Yoga plugin: reads `Last-Event-ID` into the request's stream channel and writes subscriptions asked for as
 * `text/event-stream` with resumable ids. A single result (a refused subscription) stays with Yoga's own writer.
 */
export function useResumableSse(): Plugin {
  return {
    onParams: ({ request }) => {
      openStreamChannel(request);
    },
    onResultProcess: ({ request, result, setResultProcessor }) => {
      if (!isAsyncIterable(result) || !(request.headers.get("accept") ?? "").includes("text/event-stream")) return;
      const channel = channelOfRequest(request);
      setResultProcessor((stream) => resumableSseResponse(stream as AsyncIterable<ExecutionResult>, channel), "text/event-stream");
    },
  };
}
