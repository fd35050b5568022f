/** The ChittyOS services the gateway talks to. Each has an embedded default backed by local D1/KV. */
export const ECOSYSTEM_SERVICES = ["chittyid", "chittyauth", "chittyregistry", "chittydna", "chittyverify", "chittycertify", "chittychronicle"] as const;
export type EcosystemService = (typeof ECOSYSTEM_SERVICES)[number];
