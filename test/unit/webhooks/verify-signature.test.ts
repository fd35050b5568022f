import { describe, expect, it } from "vitest";
import { verifySignature } from "../../../src/webhooks/verify-signature";

// GitHub's documented test vector (docs: "Validating webhook deliveries", "Testing the webhook payload validation").
const SECRET = "It's a Secret to Everybody";
const BODY = "Hello, World!";
const SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

describe("verifySignature", () => {
  it("accepts GitHub's documented test vector", async () => {
    expect(await verifySignature(SECRET, BODY, SIGNATURE)).toBe(true);
  });

  it("refuses the vector with another secret, another body or one changed hex digit", async () => {
    expect(await verifySignature("It's a Secret to Everybody!", BODY, SIGNATURE)).toBe(false);
    expect(await verifySignature(SECRET, "Hello, World?", SIGNATURE)).toBe(false);
    expect(await verifySignature(SECRET, BODY, SIGNATURE.replace(/7$/, "8"))).toBe(false);
  });

  it("refuses malformed signature headers without throwing", async () => {
    for (const header of ["", "sha256=", "sha256=zz", "sha1=757107ea0eb2509fc211221cce984b8a37570b6d", SIGNATURE.toUpperCase(), `${SIGNATURE}00`]) {
      expect(await verifySignature(SECRET, BODY, header), header).toBe(false);
    }
  });

  it("refuses an empty body or an empty secret", async () => {
    expect(await verifySignature(SECRET, "", SIGNATURE)).toBe(false);
    expect(await verifySignature("", BODY, SIGNATURE)).toBe(false);
  });
});
