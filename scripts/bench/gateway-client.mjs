/**
 * @typedef {object} GatewayClient
 * @property {string} adminKey
 * @property {string} webhookSecret The gateway's GITHUB_WEBHOOK_SECRET, for signing deliveries.
 * @property {(path: string, body: unknown) => Promise<any>} postJson POSTs JSON; throws unless 2xx.
 * @property {(path: string) => Promise<any>} getJson GETs JSON; throws unless 2xx.
 * @property {(key: string) => GatewayClient} as The same client, authenticating with another key.
 */

/**
 * A small authenticated client for scenario setup (seeding data through the public API, as a user would).
 * @param {string} baseUrl
 * @param {string} adminKey
 * @param {string} [webhookSecret]
 * @returns {GatewayClient}
 */
export function createGatewayClient(baseUrl, adminKey, webhookSecret = "") {
  /** @param {string} method @param {string} path @param {unknown} [body] */
  async function request(method, path, body) {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Setup request ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
  return {
    adminKey,
    webhookSecret,
    postJson: (path, body) => request("POST", path, body),
    getJson: (path) => request("GET", path),
    as: (key) => createGatewayClient(baseUrl, key, webhookSecret),
  };
}
