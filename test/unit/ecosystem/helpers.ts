import { env } from "cloudflare:workers";
import { afterEach, beforeEach, vi } from "vitest";
import { SERVICE_SETTINGS } from "../../../src/ecosystem/config";
import { resetDiscoveryCache } from "../../../src/ecosystem/discovery";
import { resetBreakers } from "../../../src/ecosystem/http/circuit-breaker";
import { resetProbes } from "../../../src/ecosystem/service-status";
import { FakeChittyOS, type FakeService } from "../../fakes/chittyos";

export const bindings = env as Env;

/**
 * A fresh fake ChittyOS per test, with the isolate's breakers, discovery cache and probes forgotten.
 * The registry gets an origin of its own per test, since KV (where discovery is kept) is shared across tests.
 */
export function useFakeChittyOS(urls: Partial<Record<FakeService, string>> = {}): { fake: FakeChittyOS; env: () => Env } {
  const state: { fake: FakeChittyOS; env: Env } = {} as never;
  beforeEach(() => {
    resetBreakers();
    resetDiscoveryCache();
    resetProbes();
    state.fake = new FakeChittyOS({ chittyregistry: `https://registry-${crypto.randomUUID().slice(0, 8)}.chitty.test`, ...urls }).install();
    state.env = state.fake.env(bindings);
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    get fake() {
      return state.fake;
    },
    env: () => state.env,
  };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** An env with no ChittyOS service configured: every service embedded. */
export function embeddedEnv(overrides: Record<string, string> = {}): Env {
  const vars = Object.fromEntries(
    [
      ...Object.values(SERVICE_SETTINGS).map((s) => s.urlVar),
      "CHITTY_REGISTER_URL",
      "CHITTY_CHRONICLE_CASE_ID",
      "CHITTYOS_TIMEOUT_MS",
      "CHITTYOS_ROUTES",
    ].map((v) => [v, ""]),
  );
  return { ...bindings, ...vars, ...overrides } as Env;
}
