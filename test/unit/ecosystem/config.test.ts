import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_MS, ecosystemConfig } from "../../../src/ecosystem/config";
import { DEFAULT_ROUTES } from "../../../src/ecosystem/routes";
import { embeddedEnv } from "./helpers";

describe("ecosystemConfig", () => {
  it("with nothing configured, leaves every service embedded with the default routes and timeout", () => {
    const config = ecosystemConfig(embeddedEnv());
    expect(Object.values(config.services).every((s) => s.url === null && s.token === null && s.errors.length === 0)).toBe(true);
    expect(config).toMatchObject({ timeoutMs: DEFAULT_TIMEOUT_MS, routes: DEFAULT_ROUTES, chronicleCaseId: null, registerUrl: null, errors: [] });
  });

  it("reads URLs without their trailing slash, tokens, the case id and the timeout", () => {
    const config = ecosystemConfig(
      embeddedEnv({ CHITTY_ID_URL: "https://id.example/base/", CHITTY_ID_SERVICE_TOKEN: "secret", CHITTY_CHRONICLE_CASE_ID: "case-1", CHITTYOS_TIMEOUT_MS: "1500" }),
    );
    expect(config.services.chittyid).toEqual({ url: "https://id.example/base", token: "secret", errors: [] });
    expect(config).toMatchObject({ chronicleCaseId: "case-1", timeoutMs: 1500, errors: [] });
  });

  it("reports a URL that is not http(s) against its service and serves that service embedded", () => {
    for (const bad of ["id.chitty.cc", "ftp://id.chitty.cc", "not a url"]) {
      const config = ecosystemConfig(embeddedEnv({ CHITTY_ID_URL: bad }));
      expect(config.services.chittyid.url).toBeNull();
      expect(config.services.chittyid.errors).toEqual([expect.stringMatching(/^CHITTY_ID_URL is not an http\(s\) URL; the embedded default serves/)]);
      expect(config.services.chittydna.errors).toEqual([]);
    }
  });

  it("applies route overrides by operation and reports bad JSON, unknown operations and non-paths without throwing", () => {
    const good = ecosystemConfig(embeddedEnv({ CHITTYOS_ROUTES: '{"chittyid.mint":"/v2/mint","chittychronicle.log":"/api/v2/events"}' }));
    expect(good.routes["chittyid.mint"]).toBe("/v2/mint");
    expect(good.routes["chittychronicle.log"]).toBe("/api/v2/events");
    expect(good.routes["chittyid.validate"]).toBe(DEFAULT_ROUTES["chittyid.validate"]);

    const notJson = ecosystemConfig(embeddedEnv({ CHITTYOS_ROUTES: "{chittyid.mint: /x}" }));
    expect(notJson.routes).toEqual(DEFAULT_ROUTES);
    expect(notJson.services.chittyauth.errors).toEqual([expect.stringMatching(/^CHITTYOS_ROUTES is not JSON/)]);

    const mixed = ecosystemConfig(embeddedEnv({ CHITTYOS_ROUTES: '{"chittyid.mint":"/ok","chittyid.mnit":"/typo","chittydna.genesis":"genesis?x=1"}' }));
    expect(mixed.routes["chittyid.mint"]).toBe("/ok");
    expect(mixed.routes["chittydna.genesis"]).toBe(DEFAULT_ROUTES["chittydna.genesis"]);
    expect(mixed.services.chittydna.errors).toEqual([expect.stringMatching(/^CHITTYOS_ROUTES\["chittydna.genesis"\]: must be a path/)]);
    expect(mixed.services.chittyid.errors).toEqual([expect.stringMatching(/unknown operation "chittyid.mnit"; known operations: chittyid.mint, /)]);
    expect(mixed.errors).toHaveLength(2);
  });

  it("reports a timeout that is not a sensible number of milliseconds and keeps the default", () => {
    for (const bad of ["soon", "50", "60000", "2.5"]) {
      const config = ecosystemConfig(embeddedEnv({ CHITTYOS_TIMEOUT_MS: bad }));
      expect(config.timeoutMs, bad).toBe(DEFAULT_TIMEOUT_MS);
      expect(config.errors, bad).toEqual([expect.stringMatching(/^CHITTYOS_TIMEOUT_MS .*; using 3000 ms$/)]);
    }
  });
});
