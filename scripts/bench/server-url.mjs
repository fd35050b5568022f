/**
 * Which server a scenario's requests go to.
 * @param {import("./serve-wrangler.mjs").Servers} servers
 * @param {import("./scenarios.mjs").Scenario} scenario
 */
export function serverUrl(servers, scenario) {
  const url = { floor: servers.floorUrl, ackOnly: servers.ackOnlyUrl, gateway: servers.gatewayUrl }[scenario.server ?? "gateway"];
  if (!url) throw new Error(`${scenario.name}: no ${scenario.server} server was started in this mode`);
  return url;
}
