const encoder = new TextEncoder();

// workerd's extension of WebCrypto. lib.dom, which graphql-yoga's fetch types pull in, shadows its declaration.
interface WorkersSubtleCrypto {
  timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean;
}

/**
 * Compares two secrets without leaking, through timing, how much of them matched.
 * Both sides are hashed first so that their lengths are equal, as timingSafeEqual requires.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return (crypto.subtle as unknown as WorkersSubtleCrypto).timingSafeEqual(ha, hb);
}
