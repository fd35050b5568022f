import { describe, expect, it } from "vitest";
import { call, errorOf } from "../../helpers";
import { registerActor } from "../../fixtures/credentials";

describe("per-actor rate limiting", () => {
  it("answers 429 with Retry-After once an actor exceeds its budget, without affecting others", { timeout: 120_000 }, async () => {
    const noisy = await registerActor(["contexts:read"]);
    const quiet = await registerActor(["contexts:read"]);
    let refused: Response | undefined;
    // vitest.config.ts sets the budget to 300 requests a minute per actor. The limiter counts in fixed windows,
    // so a window that turns over mid-loop can split 400 requests into two under-budget halves; 601 cannot be split so.
    for (let i = 0; i < 601 && !refused; i++) {
      const response = await call("/v1/actors/me", { key: noisy.apiKey });
      if (response.status === 429) refused = response;
      else await response.arrayBuffer();
    }
    expect(refused, "no 429 within 601 requests").toBeDefined();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await errorOf(refused!)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect((await call("/v1/actors/me", { key: quiet.apiKey })).status).toBe(200);
  });
});
