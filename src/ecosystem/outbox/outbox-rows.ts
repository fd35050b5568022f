import { insertChunks, type BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { ecosystemOutbox, type OutboxRow } from "../../db/schema";

/**
 * The outbox rows of records written in the same batch, so a record cannot be committed without its forward
 * (nor the reverse). Each is due at once; the forwarder sends it under its record id as Idempotency-Key.
 */
export function outboxRows(db: Database, kind: OutboxRow["kind"], recordIds: readonly string[], now: number): BatchItem[] {
  const rows = recordIds.map((recordId) => ({ recordId, kind, createdAt: now, nextAttemptAt: now }));
  // Four columns a row: 20 rows stay under D1's 100 bound parameters per statement.
  return insertChunks(db, ecosystemOutbox, rows, 20);
}
