import { importPKCS8 } from "jose";
import { AppError } from "../errors";

const PEM = /-----BEGIN ([A-Z ]+)-----([\s\S]+?)-----END \1-----/;
// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }, DER-encoded.
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function derNode(tag: number, content: Uint8Array | number[]): number[] {
  return [tag, ...derLength(content.length), ...content];
}

/**
 * Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. GitHub hands out PKCS#1 keys, but jose's
 * importPKCS8 and WebCrypto only read PKCS#8, and no library in the bundle converts between the two.
 * @see https://www.rfc-editor.org/rfc/rfc5208#section-5
 */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const version = [0x02, 0x01, 0x00];
  const octetString = derNode(0x04, pkcs1);
  return new Uint8Array(derNode(0x30, [...version, ...RSA_ALGORITHM, ...octetString]));
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text.replace(/\s+/g, "")), (c) => c.charCodeAt(0));

const misconfigured = (message: string, cause?: unknown) =>
  new AppError(500, "GITHUB_APP_MISCONFIGURED", message, { cause });

/** Reads the App's private key, PKCS#1 or PKCS#8 PEM, for RS256 signing. */
export async function importAppPrivateKey(secret: string): Promise<CryptoKey> {
  // Secrets pasted through env files often arrive quoted, or with literal "\n" instead of line breaks.
  const text = secret.trim().replace(/^"|"$/g, "").replace(/\\n/g, "\n");
  const match = PEM.exec(text);
  if (!match) {
    throw misconfigured("GITHUB_APP_PRIVATE_KEY is not a PEM private key; store the .pem file GitHub generated for the app");
  }
  const [, label, body] = match;
  try {
    if (label === "PRIVATE KEY") return await importPKCS8(text, "RS256");
    if (label === "RSA PRIVATE KEY") {
      const pkcs8 = toBase64(pkcs1ToPkcs8(fromBase64(body!)));
      return await importPKCS8(`-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----`, "RS256");
    }
  } catch (error) {
    throw misconfigured("GITHUB_APP_PRIVATE_KEY could not be read as an RSA key; store the app's .pem file unchanged", error);
  }
  throw misconfigured(`GITHUB_APP_PRIVATE_KEY is a ${label} PEM; GitHub App keys are RSA (PKCS#1 or PKCS#8)`);
}
