import type { z } from "zod";
import pkg from "../../../package.json" with { type: "json" };
import { ServiceUnreachableError, UpstreamResponseError, type UnreachableReason } from "../../errors";
import { ecosystemConfig, SERVICE_SETTINGS } from "../config";
import type { RouteName } from "../routes";
import type { EcosystemService } from "../services";
import { breakerFor } from "./circuit-breaker";

/**
 * Sent on every call. The real ChittyID refuses user agents containing "curl", "python" or "claude",
 * so the gateway names itself.
 */
export const USER_AGENT = `ChittyConnect/${pkg.version}`;

export interface ServiceCall<T> {
  service: EcosystemService;
  operation: RouteName;
  /** The service's base URL, as resolved by configuration or discovery. */
  baseUrl: string;
  method: "GET" | "POST";
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as `Idempotency-Key`, so a retried forward is applied once. */
  idempotencyKey?: string;
  /** Non-2xx statuses that are answers rather than failures, their body read by `schema` (ChittyID's 400 {valid: false}). */
  answerStatuses?: readonly number[];
  /** Statuses whose meaning is fixed, answered without reading the body (ChittyAuth's 401 for an invalid token). */
  fixedAnswers?: Readonly<Partial<Record<number, T>>>;
  /** The breaker to go through when the operation is served elsewhere (ChittyRegister); the service's own by default. */
  circuit?: string;
  /** Reads the answer; its failure is reported as an answer the gateway cannot understand. */
  schema: z.ZodType<T>;
}

export interface CallOptions {
  /** The clock, so tests can drive the circuit breaker's cool-down. */
  now?: () => number;
  /** Ends the call early with the caller (the request's own signal). */
  signal?: AbortSignal;
  /** Called once when a call succeeds after the service had been failing (the lead enqueues reconciliation). */
  onRecovered?: (service: EcosystemService) => void;
}

export interface ServiceAnswer<T> {
  status: number;
  data: T;
}

/**
 * Calls one ChittyOS operation once (no retries inside a user request; the outbox and queue retry later),
 * through the service's circuit breaker and within CHITTYOS_TIMEOUT_MS, and reads the answer tolerantly.
 * Throws ServiceUnreachableError (retryable) or UpstreamResponseError (a refusal or an unreadable answer).
 */
export async function callService<T>(env: Env, call: ServiceCall<T>, options: CallOptions = {}): Promise<ServiceAnswer<T>> {
  const now = options.now ?? Date.now;
  const config = ecosystemConfig(env);
  const breaker = breakerFor(call.circuit ?? call.service);
  const path = config.routes[call.operation];
  const what = `${call.service} (${call.method} ${path})`;

  const permit = breaker.tryAcquire(now(), config.timeoutMs + 1000);
  if (!permit.allowed) {
    const { lastError } = breaker.snapshot(now());
    throw new ServiceUnreachableError(
      call.service,
      "circuit-open",
      `${call.service} is failing (${lastError?.message ?? "unknown error"}); its circuit is open, ` +
        `calls resume with a probe at ${new Date(permit.retryAt).toISOString()}`,
    );
  }

  const unreachable = (reason: UnreachableReason, message: string, cause?: unknown): never => {
    breaker.recordFailure(now(), message);
    throw new ServiceUnreachableError(call.service, reason, message, cause);
  };
  const recovered = (wasFailing: boolean) => {
    if (wasFailing) options.onRecovered?.(call.service);
  };

  const url = new URL(call.baseUrl + path);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers({ "user-agent": USER_AGENT, accept: "application/json" });
  const token = config.services[call.service].token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (call.idempotencyKey) headers.set("idempotency-key", call.idempotencyKey);
  if (call.body !== undefined) headers.set("content-type", "application/json");

  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted && !timeout.aborted) throw error; // the caller left; not the service's fault
    if (timeout.aborted) return unreachable("timeout", `${what} did not answer within ${config.timeoutMs} ms (CHITTYOS_TIMEOUT_MS)`, error);
    return unreachable("refused", `${what} could not be reached: ${error instanceof Error ? error.message : String(error)}`, error);
  }

  const status = response.status;
  const fixed = call.fixedAnswers?.[status];
  if (fixed !== undefined) {
    recovered(breaker.recordSuccess(now()));
    return { status, data: fixed };
  }
  if (status >= 500 || status === 408 || status === 429) return unreachable("server-error", `${what} answered ${status}`);
  if ((status < 200 || status >= 300) && !call.answerStatuses?.includes(status)) {
    const hint = status === 401 || status === 403 ? `; check that the secret ${SERVICE_SETTINGS[call.service].tokenVar} holds a token the service accepts` : "";
    const message = `${what} refused the request with ${status}${hint}`;
    recovered(breaker.recordRejection(now(), message));
    throw new UpstreamResponseError(call.service, message, status);
  }

  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch (error) {
    const type = response.headers.get("content-type") ?? "no content-type";
    const message = `${what} answered ${status} with a body that is not JSON (${type}, ${text.length} characters)`;
    breaker.recordFailure(now(), message);
    throw new UpstreamResponseError(call.service, message, status, error);
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    const message = `${what} answered ${status} without what the gateway reads: ${parsed.error.issues.map((i) => i.message).join("; ")}`;
    breaker.recordFailure(now(), message);
    throw new UpstreamResponseError(call.service, message, status, parsed.error);
  }
  recovered(breaker.recordSuccess(now()));
  return { status, data: parsed.data };
}
