import { createServer } from "node:net";

/**
 * Asks the OS for `count` distinct free ports on 127.0.0.1. wrangler needs fixed numbers up front;
 * another process could take one before wrangler binds it, which readiness polling would then report.
 * @param {number} count
 * @returns {Promise<number[]>}
 */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(undefined));
      });
    }
    // All are held open until every port is chosen, so the same port is never handed out twice.
    return servers.map((s) => /** @type {import("node:net").AddressInfo} */ (s.address()).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))));
  }
}
