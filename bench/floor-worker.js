// The "ok" floor for `npm run bench`: what the same serving path costs with no application code.
// POST /d1-claim is the reference for the webhook ack: the floor plus the one write the ack must make
// before it answers (the create-only claim in webhook_deliveries), and nothing else. It shows how much
// of the ack's latency the required D1 write alone costs on this machine, measured in the same run.
const CLAIM =
  "INSERT INTO webhook_deliveries (delivery_id, event, status, received_at) VALUES (?1, ?2, 'queued', ?3) ON CONFLICT (delivery_id) DO NOTHING";

export default {
  async fetch(request, env) {
    // workerd closes a keep-alive connection whose request body was left unread, which would make
    // every POST pay for a new TCP connection and understate the floor.
    await request.arrayBuffer();
    if (new URL(request.url).pathname !== "/d1-claim") return new Response("ok");
    const deliveryId = request.headers.get("x-github-delivery");
    const event = request.headers.get("x-github-event");
    if (!deliveryId || !event) return new Response("X-GitHub-Delivery and X-GitHub-Event are required", { status: 400 });
    const { meta } = await env.DB.prepare(CLAIM).bind(deliveryId, event, Date.now()).run();
    return new Response(meta.changes === 1 ? "claimed" : "duplicate", { status: meta.changes === 1 ? 202 : 200 });
  },
};
