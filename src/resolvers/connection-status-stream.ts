import type { RequestContext } from "../context";
import type { ChronicleEventRow } from "../db/schema";
import { chronicleSource } from "../subscriptions/chronicle-source";
import { openFeed, resumeCursor } from "../subscriptions/follow-feed";
import { getConnection } from "./connection";
import { chronicleFilter } from "./timeline-stream";

/** The Chronicle events that change a connection's health, and the status each leaves it in. */
export const HEALTH_EVENTS = {
  "connection.degraded": "degraded",
  "connection.recovered": "active",
  "connection.disconnected": "disconnected",
} as const;

export interface ConnectionStatusUpdate {
  cursor: string;
  connectionId: string;
  status: (typeof HEALTH_EVENTS)[keyof typeof HEALTH_EVENTS];
  /** What the health check or the disconnect said, when it said something. */
  reason: string | null;
  event: ChronicleEventRow;
}

/**
 * Opens a stream of one connection's health changes, authorized as Query.connection is (connections:read, and
 * the connection is the caller's). The changes are the connection's own Chronicle events, so the timeline's
 * cursors resume it too.
 */
export async function openConnectionStatusStream(ctx: RequestContext, args: { id: string; after?: string | null }): Promise<AsyncGenerator<ConnectionStatusUpdate>> {
  await getConnection(ctx, args.id);
  const feed = await openFeed(ctx, chronicleSource, chronicleFilter(args.id, Object.keys(HEALTH_EVENTS)), resumeCursor(ctx, chronicleSource, args.after));
  return (async function* () {
    for await (const { cursor, row } of feed) {
      const reason = row.data.reason;
      yield { cursor, connectionId: row.subjectId, status: HEALTH_EVENTS[row.type as keyof typeof HEALTH_EVENTS], reason: typeof reason === "string" ? reason : null, event: row };
    }
  })();
}
