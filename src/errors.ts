/**
 * One error type for the whole gateway. REST and webhooks turn it into `{ error: { code, message } }`
 * with `status`; GraphQL exposes `code` in `extensions` and masks every other error.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }

  readonly details: unknown;

  /** Whether retrying the same operation later may succeed (queue consumers use this). */
  get retryable(): boolean {
    return false;
  }
}

export class InvalidInputError extends AppError {
  constructor(message: string, details?: unknown, code = "INVALID_INPUT", status = 422) {
    super(status, code, message, { details });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, "NOT_FOUND", `${what} ${id} was not found`);
  }
}

export class UnauthorizedError extends AppError {
  constructor(
    message = "Send `Authorization: Bearer <credential>` with a valid credential",
    /** For the audit trail only: why authentication failed and, when known, whose credential it was. */
    readonly audit: { reason: string; actorId?: string } = { reason: "missing" },
  ) {
    super(401, "UNAUTHORIZED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, "FORBIDDEN", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = "CONFLICT") {
    super(409, code, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "RATE_LIMITED", `Too many requests; retry after ${retryAfterSeconds} s`);
  }
}

export class UpstreamUnavailableError extends AppError {
  constructor(service: string, cause?: unknown) {
    super(503, "UPSTREAM_UNAVAILABLE", `${service} is unavailable; try again shortly`, { cause });
  }

  override get retryable(): boolean {
    return true;
  }
}

/** The REST and webhook error body. Unknown errors are reported as 500 without their message. */
export function toResponse(error: unknown): Response {
  const appError =
    error instanceof AppError ? error : new AppError(500, "INTERNAL", "Internal error; see the worker logs");
  if (!(error instanceof AppError)) console.error("unhandled error", error);
  const headers = new Headers({ "content-type": "application/json" });
  if (appError instanceof RateLimitedError) headers.set("retry-after", String(appError.retryAfterSeconds));
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: appError.code, message: appError.message },
  };
  if (appError.details !== undefined) body.error.details = appError.details;
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/** Why a stream ended before its client left: its credential stopped being good, or changed. */
export type StreamEnd = "CREDENTIAL_REVOKED" | "CREDENTIAL_EXPIRED" | "ACTOR_INACTIVE" | "CREDENTIAL_CHANGED";

/** The final error of a subscription whose credential no longer holds; the client must reconnect with a good one. */
export class StreamEndedError extends AppError {
  constructor(code: StreamEnd, detail: string) {
    super(401, code, `The stream ended: ${detail}; reconnect with a valid credential`);
  }
}

/** Too many concurrent streams on one budget. */
export class TooManySubscriptionsError extends AppError {
  constructor(limit: number) {
    super(429, "TOO_MANY_SUBSCRIPTIONS", `At most ${limit} subscriptions may be open at once per actor budget; close one and retry`);
  }
}

/** Why a call to a ChittyOS service got no answer at all. */
export type UnreachableReason = "refused" | "timeout" | "server-error" | "circuit-open";

/**
 * A ChittyOS service could not be reached in time: the connection failed, it did not answer within
 * CHITTYOS_TIMEOUT_MS, it answered 5xx/408/429, or its circuit is open. Retryable: the outbox and queue retry later.
 */
export class ServiceUnreachableError extends UpstreamUnavailableError {
  constructor(
    readonly service: string,
    readonly reason: UnreachableReason,
    message: string,
    cause?: unknown,
  ) {
    super(service, cause);
    // UpstreamUnavailableError's generic sentence hides which of the four outages this was.
    this.message = message;
  }
}

/**
 * A ChittyOS service answered, but with a refusal (4xx) or with something the gateway cannot read.
 * Not retryable as is: the configuration (token, route) or the service needs fixing first.
 */
export class UpstreamResponseError extends AppError {
  constructor(
    readonly service: string,
    message: string,
    /** The upstream's HTTP status. */
    readonly upstreamStatus: number,
    cause?: unknown,
  ) {
    super(502, "UPSTREAM_BAD_RESPONSE", message, { cause });
  }
}

/**
 * D1 could not be brought up to the schema this Worker was built with. Every request answers 503 with the
 * command an operator runs to apply the migrations by hand (which also shows D1's own error).
 */
export class MigrationsPendingError extends AppError {
  constructor(detail: string, command: string, cause?: unknown) {
    super(503, "MIGRATIONS_PENDING", `The database schema is not up to date (${detail}); apply the migrations with: ${command}`, { cause });
  }

  override get retryable(): boolean {
    return true;
  }
}
