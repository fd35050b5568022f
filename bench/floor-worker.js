// The "ok" floor for `npm run bench`: what the same serving path costs with no application code.
export default {
  async fetch(request) {
    // workerd closes a keep-alive connection whose request body was left unread, which would make
    // every POST pay for a new TCP connection and understate the floor.
    await request.arrayBuffer();
    return new Response("ok");
  },
};
