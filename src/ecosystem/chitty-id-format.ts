import { isChittyId } from "./chitty-id";

export interface CanonicalChittyIdParts {
  version: string;
  region: string;
  jurisdiction: string;
  sequence: string;
  entityType: string;
  yearMonth: string;
  trustLevel: string;
  checksum: string;
}

export type ChittyIdFormatCheck =
  | { valid: true; format: "canonical"; components: CanonicalChittyIdParts }
  | { valid: true; format: "local" }
  | { valid: false; format: "canonical" | null; reason: string };

// VV-G-LLL-SSSS-T-YM-C-X as the authority's validator reads it (chittyfoundation/chittyid, canon/api-routes-chittyid.js):
// version, region, jurisdiction, sequence, entity type (P/L/T/E, and A since the canon added Authority),
// year-month, trust level, two check digits. Region, year-month and trust level are read a little wider
// (letters, 2-4 digits) because the repository's newer validator writes them so.
const CANONICAL = /^(\d{2})-([0-9A-Z])-([A-Z]{3})-(\d{4})-([PLTEA])-(\d{2,4})-([0-9A-Z]{1,2})-(\d{2})$/;

/**
 * The check digits of a canonical ChittyID, over the concatenation of its first seven parts.
 * As the authority mints them: ISO 7064 MOD 97-10's running remainder, letters as two digits (A = 10 … Z = 35),
 * then (98 − remainder) mod 97 — without MOD 97-10's final multiplication by 100, which the authority leaves out.
 */
export function chittyIdCheckDigits(body: string): string {
  let remainder = 0;
  for (const char of body) {
    if (char >= "0" && char <= "9") remainder = (remainder * 10 + Number(char)) % 97;
    else if (char >= "A" && char <= "Z") remainder = (remainder * 100 + char.charCodeAt(0) - 55) % 97;
  }
  return String((98 - remainder) % 97).padStart(2, "0");
}

/**
 * Checks an id's shape offline: the canonical form with its check digits, or the embedded `CHITTY-{TYPE}-{uuid}`.
 * Only for the embedded Verify and for display: ids from a configured authority are opaque and never
 * rejected for their shape.
 */
export function checkChittyIdFormat(id: string): ChittyIdFormatCheck {
  if (isChittyId(id)) return { valid: true, format: "local" };
  const match = CANONICAL.exec(id);
  if (!match) return { valid: false, format: null, reason: "neither VV-G-LLL-SSSS-T-YM-C-X nor CHITTY-{TYPE}-{uuid}" };
  const [, version, region, jurisdiction, sequence, entityType, yearMonth, trustLevel, checksum] = match as unknown as string[];
  const expected = chittyIdCheckDigits(match.slice(1, 8).join(""));
  if (expected !== checksum) return { valid: false, format: "canonical", reason: `check digits ${checksum} do not match the id (expected ${expected})` };
  return {
    valid: true,
    format: "canonical",
    components: { version, region, jurisdiction, sequence, entityType, yearMonth, trustLevel, checksum } as CanonicalChittyIdParts,
  };
}
