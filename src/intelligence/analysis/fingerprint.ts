/**
 * FNV-1a over 64 bits, as two 32-bit halves so it stays in plain number arithmetic (BigInt is several
 * times slower in V8). A fingerprint only has to tell findings of one repository apart and survive pushes;
 * it protects nothing, so a fast non-cryptographic hash is enough, and it must be synchronous because
 * WebCrypto's digest is not.
 */
function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // Multiply (hi, lo) by the FNV prime 2^40 + 0x1b3, keeping 64 bits.
    const loMul = lo * 0x1b3;
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    hi = newHi;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** Whitespace folded and trimmed, so re-indenting or moving code keeps the same fingerprint. */
export function normaliseEvidence(evidence: string): string {
  return evidence.replace(/\s+/g, " ").trim();
}

export function fingerprint(ruleId: string, path: string, evidence: string): string {
  return fnv1a64(`${ruleId}\u0000${path}\u0000${normaliseEvidence(evidence)}`);
}
