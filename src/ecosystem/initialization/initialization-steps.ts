import { eq } from "drizzle-orm";
import pkg from "../../../package.json" with { type: "json" };
import type { BatchItem } from "../../db/batch";
import type { Database } from "../../db/client";
import { chittyIds, contexts, type ContextRow, type InitializationStepName } from "../../db/schema";
import { AppError } from "../../errors";
import { certifyGateway, GATEWAY_NAME } from "../certification";
import { recordChittyId } from "../chitty-id";
import { checkChittyIdFormat } from "../chitty-id-format";
import { createChittyAuthClient } from "../clients/chitty-auth-client";
import { createChittyIdClient } from "../clients/chitty-id-client";
import { createRegistryClient } from "../clients/registry-client";
import { createVerifyClient } from "../clients/verify-client";
import { dnaLineage, dnaRecordFor, latestDnaRecord } from "../dna";
import type { CallOptions } from "../http/call-service";
import { mintEntityId } from "../mint-entity-id";
import { outboxRows } from "../outbox/outbox-rows";
import { outboxTargets } from "../outbox/outbox-targets";
import { recordEvent } from "../record-change";
import {
  findServiceContext,
  gatewayEndpoints,
  SERVICE_CONTEXT_NAME,
  SERVICE_SUBJECT_TYPE,
  SERVICE_TOKEN_KEY,
  SERVICE_TOKEN_LIFETIME_SECONDS,
  SERVICE_TOKEN_SCOPE,
  serviceState,
  type InitializationInput,
} from "./service-context";

export interface StepScope {
  env: Env;
  db: Database;
  options: CallOptions & { waitUntil: (promise: Promise<unknown>) => void };
  input: InitializationInput;
  now: number;
  /** What earlier steps recorded, this run or before. */
  details: Partial<Record<InitializationStepName, Record<string, unknown>>>;
}

/** A step's outcome; `statements` commit in one batch with the step's own status row. Failures throw. */
export interface StepResult {
  status: "done" | "skipped";
  detail: Record<string, unknown>;
  statements?: BatchItem[];
}

/** Thrown by a step whose service answered, but not with what initialization needs (e.g. an invalid id). */
class StepRefused extends AppError {
  constructor(message: string) {
    super(502, "INITIALIZATION_STEP_REFUSED", message);
  }
}

const chittyIdOf = (scope: StepScope): string => {
  const id = scope.details.mint?.chittyId;
  if (typeof id !== "string") throw new StepRefused("the service context has no ChittyID yet (the mint step has not finished)");
  return id;
};

/** The nine steps, in order. Each is idempotent: a step that is done is never run again. */
export const STEP_RUNNERS: Record<InitializationStepName, (scope: StepScope) => Promise<StepResult>> = {
  async find({ db, input }) {
    const existing = await findServiceContext(db, input.ownerId);
    return { status: "done", detail: { contextId: existing?.id ?? null } };
  },

  async mint(scope) {
    const existing = scope.details.find?.contextId;
    if (typeof existing === "string") return { status: "done", detail: { chittyId: existing, source: "existing" } };
    const minted = await mintEntityId(scope.env, "CONTEXT", "service", scope.options);
    return {
      status: "done",
      detail: { chittyId: minted.id, source: minted.source, ...(minted.reason ? { reason: minted.reason } : {}) },
      statements: [recordChittyId(scope.db, minted, "CONTEXT", scope.now)],
    };
  },

  async "dna-genesis"(scope) {
    const chittyId = chittyIdOf(scope);
    const [existing] = await latestDnaRecord(scope.db, chittyId);
    if (existing) return { status: "done", detail: { recordId: existing.id, existing: true } };
    const state = serviceState(chittyId, scope.input.ownerId);
    const change = { subjectId: chittyId, subjectType: SERVICE_SUBJECT_TYPE, state, event: "genesis", actorId: scope.input.ownerId, now: scope.now };
    const dna = await dnaRecordFor(scope.db, change, undefined);
    // ChittyDNA gets the genesis through the outbox, under the record's id, like every other record.
    const forward = outboxTargets(scope.env).dna ? outboxRows(scope.db, "dna", [dna.row.id], scope.now) : [];
    return { status: "done", detail: { recordId: dna.row.id, forwarded: forward.length > 0 }, statements: [dna.statement, ...forward] };
  },

  async "auth-token"(scope) {
    const client = await createChittyAuthClient(scope.env, scope.options);
    const chittyId = chittyIdOf(scope);
    const answer = await client.provisionToken({ chittyId, scope: SERVICE_TOKEN_SCOPE, service: GATEWAY_NAME, expiresIn: SERVICE_TOKEN_LIFETIME_SECONDS });
    if (!answer.provisioned) return { status: "skipped", detail: { reason: answer.reason } };
    const ttl = answer.expiresAt ? Math.floor((answer.expiresAt - scope.now) / 1000) : SERVICE_TOKEN_LIFETIME_SECONDS;
    await scope.env.TOKEN_KV.put(SERVICE_TOKEN_KEY, answer.token, { expirationTtl: Math.max(60, ttl) });
    return { status: "done", detail: { expiresAt: answer.expiresAt } };
  },

  async register(scope) {
    const client = await createRegistryClient(scope.env, scope.options);
    const answer = await client.register({
      chittyId: chittyIdOf(scope),
      name: GATEWAY_NAME,
      version: pkg.version,
      description: pkg.description,
      endpoints: gatewayEndpoints(scope.input.origin),
    });
    return answer.registered ? { status: "done", detail: { endpoints: gatewayEndpoints(scope.input.origin) } } : { status: "skipped", detail: { reason: answer.reason } };
  },

  async verify(scope) {
    const chittyId = chittyIdOf(scope);
    const [provenance] = await scope.db.select({ source: chittyIds.source }).from(chittyIds).where(eq(chittyIds.id, chittyId)).limit(1);
    if (provenance?.source === "provisional") throw new StepRefused(`${chittyId} is provisional; it is verified once the ChittyID authority has replaced it`);
    // The authority's ids are opaque: only the authority can say whether one is valid; local ids have a format.
    const id =
      provenance?.source === "remote"
        ? await (await createChittyIdClient(scope.env, scope.options)).validate(chittyId)
        : { ...checkChittyIdFormat(chittyId), source: "embedded" as const };
    if (!id.valid) throw new StepRefused(`${chittyId} is not a valid ChittyID (${"reason" in id ? id.reason : "refused"})`);
    const verifier = await createVerifyClient(scope.env, scope.options);
    const chain = await verifier.verify({ kind: "dna-chain", value: await dnaLineage(scope.db, chittyId) });
    if (!chain.valid) throw new StepRefused(`the service context's DNA chain does not verify: ${chain.reason ?? "invalid"}`);
    return { status: "done", detail: { chittyId: { valid: true, source: id.source }, dnaChain: { valid: true, source: chain.source, ...(chain.degraded ? { degraded: chain.degraded } : {}) } } };
  },

  async certify(scope) {
    const outcomes = await certifyGateway(scope.env, scope.db, { ...scope.options, now: () => scope.now });
    const failed = outcomes.filter((o) => o.outcome === "failed");
    if (failed.length > 0) throw new StepRefused(failed.map((f) => `${f.profile}: ${"error" in f ? f.error : ""}`).join("; "));
    const summary = Object.fromEntries(outcomes.map((o) => [o.profile, "certificate" in o ? (o.certificate.certified ? o.certificate.certificateId : o.certificate.reason) : null]));
    const certified = outcomes.some((o) => "certificate" in o && o.certificate.certified);
    return { status: certified ? "done" : "skipped", detail: summary };
  },

  async store(scope) {
    const existing = scope.details.find?.contextId;
    if (typeof existing === "string") return { status: "done", detail: { contextId: existing, existing: true } };
    const chittyId = chittyIdOf(scope);
    const row: ContextRow = {
      id: chittyId,
      name: SERVICE_CONTEXT_NAME,
      description: "ChittyConnect's own service context: its identity, registration and certificates in ChittyOS.",
      data: { ...serviceState(chittyId, scope.input.ownerId), endpoints: gatewayEndpoints(scope.input.origin) },
      status: "active",
      ownerId: scope.input.ownerId,
      createdAt: scope.now,
      updatedAt: scope.now,
      deletedAt: null,
      version: 1,
      idProvisional: scope.details.mint?.source === "provisional",
    };
    return { status: "done", detail: { contextId: chittyId }, statements: [scope.db.insert(contexts).values(row).onConflictDoNothing()] };
  },

  async chronicle(scope) {
    const chittyId = chittyIdOf(scope);
    const data = { name: SERVICE_CONTEXT_NAME, version: pkg.version, certify: scope.details.certify ?? null, register: scope.details.register ?? null };
    const statements = recordEvent(scope.db, { type: "service.initialized", subjectId: chittyId, actorId: scope.input.ownerId, data, now: scope.now }, outboxTargets(scope.env));
    return { status: "done", detail: { logged: true }, statements };
  },
};
