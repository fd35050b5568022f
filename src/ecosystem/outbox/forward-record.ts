import type { ChronicleEventRow, DnaRecordRow } from "../../db/schema";
import type { ChronicleClient } from "../clients/chronicle-client";
import type { DnaClient } from "../clients/dna-client";

/** sent: the service accepted it (its id); unsent: nothing was sent, and why (no URL, no case id). */
export type ForwardOutcome = { sent: true; remoteId: string | null } | { sent: false; reason: string };

/** Forwards one DNA record to ChittyDNA under its id as Idempotency-Key (genesis or evolution by its kind). */
export async function forwardDnaRecord(client: DnaClient, record: DnaRecordRow): Promise<ForwardOutcome> {
  if (client.mode === "embedded") return { sent: false, reason: "no ChittyDNA URL is configured or discovered" };
  const forward = { ...record, recordHash: record.recordHash ?? null };
  const result = record.kind === "genesis" ? await client.genesis(forward) : await client.evolve(forward);
  return result.status === "sent" ? { sent: true, remoteId: result.dnaId } : { sent: false, reason: "ChittyDNA is embedded" };
}

/**
 * Forwards one Chronicle event under its id as Idempotency-Key. Chronicle keeps a description and metadata, so
 * the event's type, subject, actor and data travel in metadata, and the description says what happened.
 */
export async function forwardChronicleEvent(client: ChronicleClient, event: ChronicleEventRow): Promise<ForwardOutcome> {
  if (client.mode === "embedded") return { sent: false, reason: "no ChittyChronicle URL is configured or discovered" };
  const result = await client.logEvent(
    {
      date: event.occurredAt,
      description: `${event.type} of ${event.subjectId}`,
      metadata: { source: "chittyconnect", eventId: event.id, type: event.type, subjectId: event.subjectId, actorId: event.actorId, data: event.data },
    },
    event.id,
  );
  if (result.status === "sent") return { sent: true, remoteId: result.id };
  return { sent: false, reason: result.status === "not-configured" ? result.reason : "ChittyChronicle is embedded" };
}
