import { z } from "zod";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

/** One lineage record as the gateway forwards it (a dna_records row). */
export interface DnaForward {
  /** The local record's id; also the Idempotency-Key. */
  id: string;
  subjectId: string;
  subjectType: string;
  sequence: number;
  stateHash: string;
  previousId: string | null;
  /** The tamper-evident hash of the record (verify-dna-chain.ts), when stored. */
  recordHash?: string | null;
  event: string;
  actorId: string | null;
  createdAt: number;
}

export type DnaResult = { status: "sent"; dnaId: string } | { status: "embedded" };

export interface DnaClient {
  mode: ServiceMode;
  /** Forwards a subject's first record. */
  genesis(record: DnaForward): Promise<DnaResult>;
  /** Forwards a later record, which links to the one before. */
  evolve(record: DnaForward): Promise<DnaResult>;
}

const dnaAnswer = tolerantAnswer({
  dnaId: { names: ["dna_id", "dnaId", "id"], schema: z.union([z.string().min(1), z.number().transform(String)]) },
});

/**
 * Creates the ChittyDNA client: remote when its URL is configured or discovered, else embedded.
 * ChittyDNA publishes no contract, so the body is the local record in snake_case, best effort.
 */
export async function createDnaClient(env: Env, options: ClientOptions = {}): Promise<DnaClient> {
  const baseUrl = await serviceUrl(env, "chittydna", options);
  if (!baseUrl) {
    const embedded = async (): Promise<DnaResult> => ({ status: "embedded" });
    return { mode: "embedded", genesis: embedded, evolve: embedded };
  }
  const send = async (operation: "chittydna.genesis" | "chittydna.evolve", record: DnaForward): Promise<DnaResult> => {
    const body = {
      record_id: record.id,
      subject_id: record.subjectId,
      subject_type: record.subjectType,
      sequence: record.sequence,
      state_hash: record.stateHash,
      previous_id: record.previousId,
      record_hash: record.recordHash ?? null,
      event: record.event,
      actor_id: record.actorId,
      created_at: new Date(record.createdAt).toISOString(),
    };
    const answer = await callService(
      env,
      { service: "chittydna", operation, baseUrl, method: "POST", body, idempotencyKey: record.id, schema: dnaAnswer },
      options,
    );
    return { status: "sent", dnaId: answer.data.dnaId };
  };
  return {
    mode: "remote",
    genesis: (record) => send("chittydna.genesis", record),
    evolve: (record) => send("chittydna.evolve", record),
  };
}
