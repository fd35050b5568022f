/**
 * What a stream and the SSE writer tell each other about one request: the client's Last-Event-ID, the cursor of
 * the event being sent (its `id:`), and where the stream stopped (the `id:` of its final `complete`).
 */
export interface StreamChannel {
  lastEventId: string | null;
  eventId?: string;
  position?: string;
}

// Keyed by the Request, which Yoga puts in every resolver's context and hands to its result processors.
const channels = new WeakMap<Request, StreamChannel>();

export function openStreamChannel(request: Request): StreamChannel {
  const channel: StreamChannel = { lastEventId: request.headers.get("last-event-id") };
  channels.set(request, channel);
  return channel;
}

export function channelOfRequest(request: Request): StreamChannel | undefined {
  return channels.get(request);
}

/** The channel of the request a resolver runs for (Yoga's context carries `request`); undefined outside GraphQL. */
export function streamChannelOf(context: object): StreamChannel | undefined {
  const request = (context as { request?: unknown }).request;
  return request instanceof Request ? channels.get(request) : undefined;
}
