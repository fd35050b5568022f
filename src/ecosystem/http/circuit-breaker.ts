/** Consecutive failures that open a circuit: three timeouts cost a few requests ~3 s each, then calls fail fast. */
export const FAILURE_THRESHOLD = 3;
/** How long an open circuit fails fast before one probe may try the service again. */
export const COOL_DOWN_MS = 30_000;

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  /** When the circuit last opened (ms since the epoch); null when closed. */
  openedAt: number | null;
  /** When an open circuit lets its next probe through. */
  retryAt: number | null;
  lastSuccessAt: number | null;
  lastError: { at: number; message: string } | null;
}

export type Permit = { allowed: true; probe: boolean } | { allowed: false; retryAt: number };

/**
 * A circuit breaker for one service: closed → open after FAILURE_THRESHOLD consecutive failures → half-open
 * after COOL_DOWN_MS, when one probe call goes through → closed on its success, open again on its failure.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  /** When the half-open probe started; a probe that never reports back frees the slot after its lease. */
  private probeStartedAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private lastError: { at: number; message: string } | null = null;

  constructor(
    private readonly threshold = FAILURE_THRESHOLD,
    private readonly coolDownMs = COOL_DOWN_MS,
  ) {}

  state(now: number): CircuitState {
    if (this.openedAt === null) return "closed";
    return now >= this.openedAt + this.coolDownMs ? "half-open" : "open";
  }

  /** Asks to make a call now; in half-open only one probe at a time may go, for at most `leaseMs`. */
  tryAcquire(now: number, leaseMs: number): Permit {
    const state = this.state(now);
    if (state === "closed") return { allowed: true, probe: false };
    if (state === "half-open" && (this.probeStartedAt === null || now >= this.probeStartedAt + leaseMs)) {
      this.probeStartedAt = now;
      return { allowed: true, probe: true };
    }
    return { allowed: false, retryAt: Math.max(this.openedAt! + this.coolDownMs, (this.probeStartedAt ?? 0) + leaseMs) };
  }

  /** The service answered as expected. Returns whether it had been failing (a recovery). */
  recordSuccess(now: number): boolean {
    const recovered = this.close();
    this.lastSuccessAt = now;
    return recovered;
  }

  /** The service answered but refused the request (4xx): it is reachable, so the circuit closes, but the error shows. */
  recordRejection(now: number, message: string): boolean {
    const recovered = this.close();
    this.lastError = { at: now, message };
    return recovered;
  }

  /** The service was unreachable or answered garbage. */
  recordFailure(now: number, message: string): void {
    this.failures += 1;
    this.lastError = { at: now, message };
    const probing = this.openedAt !== null;
    if (probing || this.failures >= this.threshold) {
      this.openedAt = now;
      this.probeStartedAt = null;
    }
  }

  snapshot(now: number): CircuitSnapshot {
    const state = this.state(now);
    return {
      state,
      consecutiveFailures: this.failures,
      openedAt: this.openedAt,
      retryAt: this.openedAt === null ? null : this.openedAt + this.coolDownMs,
      lastSuccessAt: this.lastSuccessAt,
      lastError: this.lastError,
    };
  }

  private close(): boolean {
    const wasFailing = this.failures > 0 || this.openedAt !== null;
    this.failures = 0;
    this.openedAt = null;
    this.probeStartedAt = null;
    return wasFailing;
  }
}

// Per isolate, in memory. A shared breaker would cost a KV write per call (KV allows one write a second per
// key and is eventually consistent) or a Durable Object round trip per call: more than the failure it saves.
// Each isolate learns of an outage within FAILURE_THRESHOLD calls, and of the recovery within one probe.
const breakers = new Map<string, CircuitBreaker>();

/** The isolate's breaker for a service (by its name in ECOSYSTEM_SERVICES, or "chittyregister"). */
export function breakerFor(name: string): CircuitBreaker {
  let breaker = breakers.get(name);
  if (!breaker) breakers.set(name, (breaker = new CircuitBreaker()));
  return breaker;
}

/** Forgets every breaker, as a fresh isolate would (tests). */
export function resetBreakers(): void {
  breakers.clear();
}
