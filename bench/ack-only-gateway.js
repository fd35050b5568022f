// The gateway as `npm run bench` serves it for the "webhook ack alone" rows: its fetch handler unchanged, and a
// queue handler that only acknowledges, as the floor worker's does. So the ack pays for the same local queue broker
// as the floor's references (the broker deserializes and schedules every message that has a consumer, and drops
// one that has none without reading it), while the gateway's real consumer (handlers, D1 batches, review jobs)
// does not share the bench's cores with the ack it is measuring.
import gateway from "../src/index.development";

export default {
  fetch: gateway.fetch,
  async queue(batch) {
    batch.ackAll();
  },
};
