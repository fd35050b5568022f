import type { EcosystemService } from "./services";

/**
 * The published route of every ChittyOS operation, relative to the service's base URL.
 * CHITTYOS_ROUTES overrides any of them by name, e.g. `{"chittyid.mint":"/v2/mint"}` (docs/ecosystem.md).
 */
export const DEFAULT_ROUTES = {
  "chittyid.mint": "/api/get-chittyid",
  "chittyid.validate": "/api/validate",
  "chittyauth.provision": "/v1/tokens/provision",
  "chittyauth.validate": "/v1/tokens/validate",
  "chittyregistry.discover": "/api/v1/tools",
  // Sent to CHITTY_REGISTER_URL, which may be a different service from the registry that answers discovery.
  "chittyregistry.register": "/api/v1/register",
  "chittydna.genesis": "/api/v1/dna/genesis",
  "chittydna.evolve": "/api/v1/dna/evolve",
  "chittyverify.verify": "/api/v1/verify",
  "chittycertify.certify": "/api/v1/certify",
  "chittychronicle.log": "/api/v1/events",
  // Used only by the optional health probe (service-status.ts).
  "chittyid.health": "/health",
  "chittyauth.health": "/health",
  "chittyregistry.health": "/health",
  "chittydna.health": "/health",
  "chittyverify.health": "/health",
  "chittycertify.health": "/health",
  "chittychronicle.health": "/health",
} as const satisfies Record<`${EcosystemService}.${string}`, `/${string}`>;

export type RouteName = keyof typeof DEFAULT_ROUTES;
export type Routes = Record<RouteName, string>;

export const ROUTE_NAMES = Object.keys(DEFAULT_ROUTES) as RouteName[];

