import { describe, expect, it } from "vitest";
import { CERTIFY_PROFILES, createCertifyClient, needsRenewal, RENEW_BEFORE_MS, type Certification } from "../../../../src/ecosystem/clients/certify-client";
import { embeddedEnv, useFakeChittyOS } from "../helpers";

const ctx = useFakeChittyOS();
const DAY = 24 * 60 * 60_000;

describe("Certify client", () => {
  it("embedded, certifies nothing and says so", async () => {
    const client = await createCertifyClient(embeddedEnv());
    expect(client.mode).toBe("embedded");
    expect(await client.certify({ service: "chittyconnect", profile: "chittyos-v1" })).toEqual({ certified: false, reason: "not certified: no ChittyCertify configured" });
  });

  it("requests each profile with its security level, reading certificate_id and valid_until in each variant", async () => {
    for (const variant of [0, 1, 2]) {
      ctx.fake.variants.chittycertify = variant;
      for (const profile of CERTIFY_PROFILES) {
        const result = await (await createCertifyClient(ctx.env())).certify({ service: "chittyconnect", profile, securityLevel: "high" });
        expect(result, `variant ${variant} ${profile}`).toMatchObject({ certified: true, profile, securityLevel: "high", certificateId: expect.stringMatching(/^cert_/) });
        if (!result.certified) throw new Error("not certified");
        expect(result.validUntil! - result.issuedAt!).toBe(ctx.fake.certificateLifetimeMs);
      }
    }
    expect(ctx.fake.callsTo("chittycertify")[0]).toMatchObject({ path: "/api/v1/certify", body: { service: "chittyconnect", profile: "chittyos-v1", security_level: "high" } });
  });
});

describe("needsRenewal", () => {
  const issued = Date.UTC(2026, 0, 1);
  const cert = (lifetime: number | null): Certification => ({
    certified: true,
    certificateId: "c",
    profile: "chittyos-v1",
    securityLevel: null,
    issuedAt: issued,
    validUntil: lifetime === null ? null : issued + lifetime,
  });

  it("renews a long-lived certificate a week before it expires, not before", () => {
    const c = cert(90 * DAY);
    expect(needsRenewal(c, issued + 90 * DAY - RENEW_BEFORE_MS - 1)).toBe(false);
    expect(needsRenewal(c, issued + 90 * DAY - RENEW_BEFORE_MS)).toBe(true);
    expect(needsRenewal(c, issued + 91 * DAY)).toBe(true);
  });

  it("renews a short-lived certificate in the last third of its life, so the cron does not renew it every run", () => {
    const c = cert(DAY);
    expect(needsRenewal(c, issued + DAY / 2)).toBe(false);
    expect(needsRenewal(c, issued + DAY - DAY / 3)).toBe(true);
  });

  it("asks for a certificate when there is none, and never renews one without an expiry", () => {
    expect(needsRenewal({ certified: false, reason: "x" }, issued)).toBe(true);
    expect(needsRenewal(cert(null), issued + 1000 * DAY)).toBe(false);
  });
});
