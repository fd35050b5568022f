import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { actors } from "../db/schema";
import type { Actor } from "./actor";

/** A gap longer than this between two requests starts a new session. */
const SESSION_GAP_MS = 30 * 60_000;
/** last_seen_at is written at most this often per actor per isolate, to keep D1 writes off most requests. */
const TOUCH_INTERVAL_MS = 60_000;

const lastTouched = new Map<string, number>();

/**
 * Records that an actor was seen: bumps last_seen_at and, after a long enough gap, the session count.
 * The in-isolate map only throttles writes; D1 holds the values.
 */
export function touchSession(db: Database, actor: Actor, now = Date.now()): Promise<unknown> | null {
  const previous = lastTouched.get(actor.id);
  if (previous !== undefined && now - previous < TOUCH_INTERVAL_MS) return null;
  lastTouched.set(actor.id, now);
  if (lastTouched.size > 10_000) lastTouched.clear();
  return db
    .update(actors)
    .set({
      lastSeenAt: now,
      sessionCount: sql`${actors.sessionCount} + CASE WHEN ${actors.lastSeenAt} IS NULL OR ${actors.lastSeenAt} < ${now - SESSION_GAP_MS} THEN 1 ELSE 0 END`,
    })
    .where(eq(actors.id, actor.id))
    .run();
}
