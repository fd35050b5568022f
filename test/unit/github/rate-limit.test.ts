import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { rateLimitError, waitFromHeaders } from "../../../src/github/rate-limit";

const now = Date.parse("2026-11-24T12:00:00Z");
const failure = (status: number, message: string, headers: Record<string, string> = {}) =>
  new RequestError(message, status, { request: { method: "POST", url: "https://github.test/graphql", headers: {} }, response: { status, url: "", headers, data: {} } });

describe("GitHub rate limits", () => {
  it("prefers retry-after, then x-ratelimit-reset once the budget is spent", () => {
    expect(waitFromHeaders({ "retry-after": "17", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 300) }, now)).toBe(17);
    expect(waitFromHeaders({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 300) }, now)).toBe(300);
    expect(waitFromHeaders({ "x-ratelimit-remaining": "12", "x-ratelimit-reset": String(now / 1000 + 300) }, now)).toBeUndefined();
  });

  it("waits at least a minute for a secondary limit, longer when GitHub says so", () => {
    expect(rateLimitError(failure(403, "You have exceeded a secondary rate limit"), now)?.delaySeconds).toBe(60);
    expect(rateLimitError(failure(403, "You have exceeded a secondary rate limit", { "retry-after": "120" }), now)?.delaySeconds).toBe(120);
    expect(rateLimitError(failure(429, "Too many requests"), now)?.delaySeconds).toBe(60);
  });

  it("leaves a plain 403 (a missing permission) and other statuses alone", () => {
    expect(rateLimitError(failure(403, "Resource not accessible by integration"), now)).toBeUndefined();
    expect(rateLimitError(failure(502, "Bad gateway"), now)).toBeUndefined();
    expect(rateLimitError(new Error("not from GitHub"), now)).toBeUndefined();
  });
});
