import { z } from "zod";
import { ecosystemConfig } from "../config";
import { callService } from "../http/call-service";
import { tolerantAnswer } from "../http/tolerant-answer";
import { serviceUrl, type ClientOptions, type ServiceMode } from "./client-options";

/** One timeline entry, in ChittyChronicle's vocabulary (its timeline_entries table). */
export interface ChronicleEntryInput {
  entryType?: "event" | "task";
  /** When it happened, ms since the epoch; Chronicle stores the day, metadata.occurredAt keeps the instant. */
  date: number;
  description: string;
  confidenceLevel?: "high" | "medium" | "low" | "unverified";
  metadata: Record<string, unknown>;
}

export type ChronicleResult =
  | { status: "sent"; id: string }
  | { status: "not-configured"; reason: string }
  /** No remote Chronicle: the local chronicle_events row is the record. */
  | { status: "embedded" };

export interface ChronicleClient {
  mode: ServiceMode;
  /** Sends one event to CHITTY_CHRONICLE_CASE_ID, under an idempotency key (the local record's id). */
  logEvent(entry: ChronicleEntryInput, idempotencyKey: string): Promise<ChronicleResult>;
}

export const CHRONICLE_NOT_CONFIGURED =
  "CHITTY_CHRONICLE_CASE_ID is empty: events stay in the local timeline; set it to the Chronicle case to log them to";

const id = z.union([z.string().min(1), z.number().transform(String)]);
const logAnswer = tolerantAnswer({
  entry: { names: ["entry"], schema: z.object({ id }).optional().catch(undefined) },
  id: { names: ["id"], schema: id.optional().catch(undefined) },
}).transform((answer, ctx) => {
  const value = answer.entry?.id ?? answer.id;
  if (value === undefined) ctx.issues.push({ code: "custom", message: "entry.id or id (at the top level or under data): missing", input: answer });
  return value ?? z.NEVER;
});

/** Creates the Chronicle client: remote when its URL is configured or discovered, else embedded. */
export async function createChronicleClient(env: Env, options: ClientOptions = {}): Promise<ChronicleClient> {
  const baseUrl = await serviceUrl(env, "chittychronicle", options);
  if (!baseUrl) return { mode: "embedded", logEvent: async () => ({ status: "embedded" }) };
  const caseId = ecosystemConfig(env).chronicleCaseId;
  return {
    mode: "remote",
    async logEvent(entry, idempotencyKey) {
      if (!caseId) return { status: "not-configured", reason: CHRONICLE_NOT_CONFIGURED };
      const entryType = entry.entryType ?? "event";
      const body = {
        caseId,
        entryType,
        ...(entryType === "event" ? { eventSubtype: "occurred" } : {}),
        date: new Date(entry.date).toISOString().slice(0, 10),
        description: entry.description,
        confidenceLevel: entry.confidenceLevel ?? "high",
        metadata: { ...entry.metadata, occurredAt: new Date(entry.date).toISOString() },
      };
      const answer = await callService(
        env,
        { service: "chittychronicle", operation: "chittychronicle.log", baseUrl, method: "POST", body, idempotencyKey, schema: logAnswer },
        options,
      );
      return { status: "sent", id: answer.data };
    },
  };
}
