import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { decodeProtectedHeader, exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from "jose";
import { createAppJwt } from "../../../src/github/app-jwt";
import { AppError } from "../../../src/errors";

const testEnv = env as Env & { TEST_GITHUB_APP_PUBLIC_KEY: string };
const NOW = Date.parse("2026-04-01T12:00:00Z");

async function claimsOf(jwt: string, publicKeyPem: string) {
  const { payload } = await jwtVerify(jwt, await importSPKI(publicKeyPem, "RS256"), { currentDate: new Date(NOW) });
  return payload;
}

describe("createAppJwt", () => {
  it("signs RS256 with a PKCS#1 key, iat 60 s back, exp at most 10 minutes after iat, iss the App id", async () => {
    expect(testEnv.GITHUB_APP_PRIVATE_KEY).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const jwt = await createAppJwt(testEnv, NOW);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", typ: "JWT" });
    const claims = await claimsOf(jwt, testEnv.TEST_GITHUB_APP_PUBLIC_KEY);
    expect(claims).toEqual({ iss: "424242", iat: NOW / 1000 - 60, exp: NOW / 1000 + 540 });
  });

  it("signs with a PKCS#8 key generated at test time", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const pkcs8 = await exportPKCS8(privateKey);
    expect(pkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const jwt = await createAppJwt({ GITHUB_APP_ID: "99", GITHUB_APP_PRIVATE_KEY: pkcs8 }, NOW);
    expect((await claimsOf(jwt, await exportSPKI(publicKey))).iss).toBe("99");
  });

  it("accepts a key pasted on one line with literal \\n, as env files often carry it", async () => {
    const oneLine = testEnv.GITHUB_APP_PRIVATE_KEY.trim().replaceAll("\n", "\\n");
    const jwt = await createAppJwt({ GITHUB_APP_ID: "424242", GITHUB_APP_PRIVATE_KEY: `"${oneLine}"` }, NOW);
    expect((await claimsOf(jwt, testEnv.TEST_GITHUB_APP_PUBLIC_KEY)).iss).toBe("424242");
  });

  it("refuses missing settings and keys that are not RSA private keys, naming the secret to fix", async () => {
    const { privateKey: ecKey } = await generateKeyPair("ES256", { extractable: true });
    const cases: [Partial<Env>, string][] = [
      [{ GITHUB_APP_ID: "", GITHUB_APP_PRIVATE_KEY: testEnv.GITHUB_APP_PRIVATE_KEY }, "GITHUB_APP_NOT_CONFIGURED"],
      [{ GITHUB_APP_ID: "424242", GITHUB_APP_PRIVATE_KEY: "" }, "GITHUB_APP_NOT_CONFIGURED"],
      [{ GITHUB_APP_ID: "42 42", GITHUB_APP_PRIVATE_KEY: testEnv.GITHUB_APP_PRIVATE_KEY }, "GITHUB_APP_NOT_CONFIGURED"],
      [{ GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: "not a pem" }, "GITHUB_APP_MISCONFIGURED"],
      [{ GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: await exportPKCS8(ecKey) }, "GITHUB_APP_MISCONFIGURED"],
      [{ GITHUB_APP_ID: "1", GITHUB_APP_PRIVATE_KEY: testEnv.TEST_GITHUB_APP_PUBLIC_KEY }, "GITHUB_APP_MISCONFIGURED"],
    ];
    for (const [settings, code] of cases) {
      const error = await createAppJwt(settings as Env, NOW).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect((error as AppError).message).toMatch(/GITHUB_APP_(ID|PRIVATE_KEY)/);
      expect((error as AppError).message).not.toContain("BEGIN");
    }
  });
});
