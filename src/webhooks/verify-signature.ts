import { verify } from "@octokit/webhooks-methods";

const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * Checks X-Hub-Signature-256 (HMAC-SHA256 of the body) with @octokit/webhooks-methods, whose
 * WebCrypto `verify` compares in constant time. The header's shape is checked first because the
 * library throws on a signature with no hex digits.
 * @see https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export async function verifySignature(secret: string, body: string, signature: string): Promise<boolean> {
  if (!secret || !body || !SIGNATURE.test(signature)) return false;
  return verify(secret, body, signature);
}
