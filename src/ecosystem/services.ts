/** The ChittyOS services the gateway talks to. Each has an embedded default backed by local D1/KV. */
export const ECOSYSTEM_SERVICES = ["chittyid", "chittyauth", "chittyregistry", "chittydna", "chittyverify", "chittycertify", "chittychronicle"] as const;
export type EcosystemService = (typeof ECOSYSTEM_SERVICES)[number];

/** How each service is served right now: the embedded default, or a configured remote. */
export function ecosystemModes(): Record<EcosystemService, "embedded" | "remote"> {
  // Remote clients arrive with the ecosystem integration; until then every service is embedded.
  return Object.fromEntries(ECOSYSTEM_SERVICES.map((s) => [s, "embedded" as const])) as Record<EcosystemService, "embedded">;
}
