import { describe, expect, it } from "vitest";
import { GitHubRetryLaterError } from "../../../src/github/rate-limit";
import { UpstreamUnavailableError } from "../../../src/errors";
import { BASE_DELAY_SECONDS, MAX_DELAY_SECONDS, retryDelaySeconds } from "../../../src/queue/retry-delay";

const outage = new UpstreamUnavailableError("GitHub");

describe("retryDelaySeconds", () => {
  it("doubles per attempt, between half and all of the doubled delay", () => {
    for (let attempts = 1; attempts <= 6; attempts++) {
      const full = BASE_DELAY_SECONDS * 2 ** (attempts - 1);
      expect(retryDelaySeconds(outage, attempts, () => 0)).toBe(Math.ceil(full / 2));
      expect(retryDelaySeconds(outage, attempts, () => 1)).toBe(full);
    }
  });

  it("never waits longer than the cap, however many attempts", () => {
    expect(retryDelaySeconds(outage, 30, () => 1)).toBe(MAX_DELAY_SECONDS);
  });

  it("waits at least as long as GitHub asked, plus a few seconds of jitter", () => {
    const limited = new GitHubRetryLaterError(90, "test");
    expect(retryDelaySeconds(limited, 1, () => 0)).toBe(90);
    expect(retryDelaySeconds(limited, 1, () => 1)).toBe(95);
  });
});
