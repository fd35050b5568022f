import { serverAudits } from "graphql-http";
import { describe, expect, it } from "vitest";
import { adminKey, bundleUrl } from "./helpers";

// Every audit request is sent as an authenticated client would: with a credential, and with the header
// that the CSRF-prevention plugin demands of GET (a request no browser sends cross-site without a preflight).
const authenticatedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set("authorization", `Bearer ${adminKey()}`);
  headers.set("x-graphql-yoga-csrf", "1");
  return fetch(input, { ...init, headers });
};

describe("GraphQL over HTTP conformance of the bundled worker", () => {
  it("passes every MUST and SHOULD audit of graphql-http", async () => {
    const audits = serverAudits({ url: `${bundleUrl()}/graphql`, fetchFn: authenticatedFetch });
    const results = [];
    for (const audit of audits) results.push(await audit.fn());
    const required = results.filter((result) => /^(MUST|SHOULD) /.test(result.name));
    const failures = required.filter((result) => result.status !== "ok");
    for (const failure of failures) console.error(`${failure.name}: ${"reason" in failure ? failure.reason : ""}`);
    // Guards the filter: the audit list is long, and an empty one would pass vacuously.
    expect(required.length).toBeGreaterThan(30);
    expect(failures.map((f) => `${f.name}: ${"reason" in f ? f.reason : ""}`)).toEqual([]);
  });
});
