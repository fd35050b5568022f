import { describe, expect, it } from "vitest";
import { CircuitBreaker, COOL_DOWN_MS, FAILURE_THRESHOLD } from "../../../src/ecosystem/http/circuit-breaker";

const LEASE = 5_000;

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures, and a success in between starts the count again", () => {
    const breaker = new CircuitBreaker();
    let t = 1_000;
    for (let i = 1; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(t++, "timeout");
    breaker.recordSuccess(t++);
    for (let i = 1; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(t++, "timeout");
    expect(breaker.state(t)).toBe("closed");
    breaker.recordFailure(t, "timeout");
    expect(breaker.state(t)).toBe("open");
    expect(breaker.tryAcquire(t + 1, LEASE)).toEqual({ allowed: false, retryAt: t + COOL_DOWN_MS });
  });

  it("half-opens after the cool-down and lets exactly one probe through, closing on its success", () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(0, "refused");
    expect(breaker.state(COOL_DOWN_MS - 1)).toBe("open");
    expect(breaker.state(COOL_DOWN_MS)).toBe("half-open");
    expect(breaker.tryAcquire(COOL_DOWN_MS, LEASE)).toEqual({ allowed: true, probe: true });
    expect(breaker.tryAcquire(COOL_DOWN_MS + 1, LEASE).allowed).toBe(false);
    expect(breaker.recordSuccess(COOL_DOWN_MS + 2)).toBe(true);
    expect(breaker.snapshot(COOL_DOWN_MS + 3)).toMatchObject({ state: "closed", consecutiveFailures: 0, lastSuccessAt: COOL_DOWN_MS + 2 });
    expect(breaker.recordSuccess(COOL_DOWN_MS + 4)).toBe(false);
  });

  it("opens again for a whole cool-down when the probe fails", () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(0, "refused");
    const probeAt = COOL_DOWN_MS + 10;
    expect(breaker.tryAcquire(probeAt, LEASE).allowed).toBe(true);
    breaker.recordFailure(probeAt + 5, "still refused");
    expect(breaker.state(probeAt + 6)).toBe("open");
    expect(breaker.state(probeAt + 5 + COOL_DOWN_MS)).toBe("half-open");
    expect(breaker.snapshot(probeAt + 6).lastError).toEqual({ at: probeAt + 5, message: "still refused" });
  });

  it("frees the probe slot when a probe never reports back within its lease", () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(0, "refused");
    expect(breaker.tryAcquire(COOL_DOWN_MS, LEASE).allowed).toBe(true);
    expect(breaker.tryAcquire(COOL_DOWN_MS + LEASE - 1, LEASE).allowed).toBe(false);
    expect(breaker.tryAcquire(COOL_DOWN_MS + LEASE, LEASE)).toEqual({ allowed: true, probe: true });
  });

  it("treats a refusal as reachable: the circuit closes but the error stays visible", () => {
    const breaker = new CircuitBreaker();
    for (let i = 0; i < FAILURE_THRESHOLD; i++) breaker.recordFailure(0, "refused");
    breaker.tryAcquire(COOL_DOWN_MS, LEASE);
    expect(breaker.recordRejection(COOL_DOWN_MS + 1, "401")).toBe(true);
    expect(breaker.snapshot(COOL_DOWN_MS + 2)).toMatchObject({ state: "closed", lastError: { message: "401" }, lastSuccessAt: null });
  });
});
