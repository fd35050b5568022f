// The "ok" floor for `npm run bench`: what the same serving path costs with no application code.
// Two reference routes show what the webhook ack must do, alone, measured in the same run:
//   POST /verify-send     the floor + HMAC verification of the body + one queue send (all the ack requires);
//   POST /kv-verify-send  the same, plus one KV read first (the IDEMP_KV pre-check the ack could make).
// The HMAC is WebCrypto directly: @octokit/webhooks-methods does exactly this in workerd, and Miniflare's
// direct-socket mode serves this file unbundled, so it cannot import packages.

const encoder = new TextEncoder();

/** @param {string} secret @param {Uint8Array} body @param {string} header `sha256=<hex>` */
async function signatureMatches(secret, body, header) {
  if (!header.startsWith("sha256=")) return false;
  const hex = header.slice("sha256=".length);
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const signature = new Uint8Array(hex.match(/../g).map((byte) => parseInt(byte, 16)));
  return crypto.subtle.verify("HMAC", key, signature, body);
}

export default {
  async fetch(request, env) {
    // workerd closes a keep-alive connection whose request body was left unread, which would make
    // every POST pay for a new TCP connection and understate the floor.
    const body = new Uint8Array(await request.arrayBuffer());
    const { pathname } = new URL(request.url);
    if (pathname !== "/verify-send" && pathname !== "/kv-verify-send") return new Response("ok");
    const deliveryId = request.headers.get("x-github-delivery");
    const event = request.headers.get("x-github-event");
    if (!deliveryId || !event) return new Response("X-GitHub-Delivery and X-GitHub-Event are required", { status: 400 });
    if (pathname === "/kv-verify-send" && (await env.IDEMP_KV.get(`processed:${deliveryId}`)) !== null) return new Response("duplicate");
    if (!(await signatureMatches(env.GITHUB_WEBHOOK_SECRET, body, request.headers.get("x-hub-signature-256") ?? ""))) {
      return new Response("bad signature", { status: 401 });
    }
    // The same message the gateway sends for a body that fits inline (the signed bytes): its size is most of the send's cost.
    const queue = pathname === "/verify-send" ? env.EVENT_Q : env.KV_EVENT_Q;
    await queue.send({ deliveryId, event, receivedAt: Date.now(), payload: body }, { contentType: "v8" });
    return new Response("queued", { status: 202 });
  },
};
