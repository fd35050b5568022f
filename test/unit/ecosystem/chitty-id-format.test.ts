import { describe, expect, it } from "vitest";
import { mintChittyId } from "../../../src/ecosystem/chitty-id";
import { checkChittyIdFormat, chittyIdCheckDigits } from "../../../src/ecosystem/chitty-id-format";
import { fakeCheckDigits } from "../../fakes/chittyos";

/** A canonical id whose check digits come from the test's own BigInt reading, not from src/. */
const canonical = (parts: string[]) => `${parts.join("-")}-${fakeCheckDigits(parts.join(""))}`;

describe("checkChittyIdFormat", () => {
  it("accepts canonical ids whose check digits match, letters and all", () => {
    for (const parts of [
      ["03", "1", "USA", "1234", "P", "251", "3"],
      ["01", "9", "GBR", "0001", "E", "2604", "0"],
      ["05", "4", "JPN", "9999", "A", "12", "5"],
      ["03", "A", "USA", "0420", "T", "2512", "L3"],
    ]) {
      const id = canonical(parts);
      const check = checkChittyIdFormat(id);
      expect(check, id).toMatchObject({ valid: true, format: "canonical" });
      expect(check.valid && check.format === "canonical" && check.components.jurisdiction).toBe(parts[2]);
    }
  });

  it("rejects a canonical id with one character changed or its check digits altered", () => {
    const id = canonical(["03", "1", "USA", "1234", "P", "251", "3"]);
    const tampered = [
      id.replace("1234", "1235"),
      id.replace("-USA-", "-USB-"),
      id.replace("-P-", "-E-"),
      id.slice(0, -2) + String((Number(id.slice(-2)) + 1) % 97).padStart(2, "0"),
    ];
    for (const t of tampered) {
      expect(checkChittyIdFormat(t), t).toMatchObject({ valid: false, format: "canonical" });
      expect((checkChittyIdFormat(t) as { reason: string }).reason).toMatch(/check digits/);
    }
  });

  it("agrees with an independent BigInt reading of the check digits over many bodies", () => {
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (let i = 0; i < 300; i++) {
      const r = (n: number) => Math.floor(Math.random() * n);
      const body = `0${r(10)}${r(9) + 1}${letters[r(26)]}${letters[r(26)]}${letters[r(26)]}${String(r(10_000)).padStart(4, "0")}${"PLTEA"[r(5)]}${r(1000)}${r(6)}`;
      expect(chittyIdCheckDigits(body), body).toBe(fakeCheckDigits(body));
    }
  });

  it("accepts the embedded CHITTY-{TYPE}-{uuid} form and rejects what is neither form", () => {
    expect(checkChittyIdFormat(mintChittyId("CONTEXT").id)).toEqual({ valid: true, format: "local" });
    for (const bad of ["", "CHITTY-CONTEXT-not-a-uuid", "03-1-USA-1234-P-251-3", "03-1-usa-1234-P-251-3-00", "hello"]) {
      expect(checkChittyIdFormat(bad), bad).toMatchObject({ valid: false, format: null });
    }
  });
});
