import { z } from "zod";
import { DEFAULT_ROUTES, ROUTE_NAMES, type RouteName, type Routes } from "./routes";
import { ECOSYSTEM_SERVICES, type EcosystemService } from "./services";

/** Where each service's base URL and Bearer token come from. An empty URL means the embedded default. */
export const SERVICE_SETTINGS = {
  chittyid: { urlVar: "CHITTY_ID_URL", tokenVar: "CHITTY_ID_SERVICE_TOKEN" },
  chittyauth: { urlVar: "CHITTY_AUTH_URL", tokenVar: "CHITTY_AUTH_SERVICE_TOKEN" },
  chittyregistry: { urlVar: "CHITTY_REGISTRY_URL", tokenVar: "CHITTY_REGISTRY_TOKEN" },
  chittydna: { urlVar: "CHITTY_DNA_URL", tokenVar: "CHITTY_DNA_TOKEN" },
  chittyverify: { urlVar: "CHITTY_VERIFY_URL", tokenVar: "CHITTY_VERIFY_TOKEN" },
  chittycertify: { urlVar: "CHITTY_CERTIFY_URL", tokenVar: "CHITTY_CERTIFY_TOKEN" },
  chittychronicle: { urlVar: "CHITTY_CHRONICLE_URL", tokenVar: "CHITTY_CHRONICLE_TOKEN" },
} as const satisfies Record<EcosystemService, { urlVar: keyof Env; tokenVar: keyof Env }>;

/** A few seconds: long enough for a cold ChittyOS worker, short enough that a user request stays quick. */
export const DEFAULT_TIMEOUT_MS = 3000;

export interface ServiceConfig {
  /** The configured base URL, without a trailing slash; null when unset or invalid (then the embedded default serves). */
  url: string | null;
  token: string | null;
  /** What is wrong with this service's configuration, for /health; empty when nothing is. */
  errors: string[];
}

export interface EcosystemConfig {
  services: Record<EcosystemService, ServiceConfig>;
  /** CHITTY_REGISTER_URL: where the gateway registers itself (ChittyRegister), separate from discovery. */
  registerUrl: string | null;
  chronicleCaseId: string | null;
  timeoutMs: number;
  routes: Routes;
  /** Every configuration problem, each naming the variable to fix. */
  errors: string[];
}

const baseUrl = z.url({ protocol: /^https?$/, error: "is not an http(s) URL" });
const timeout = z.coerce
  .number({ error: "is not a number" })
  .int({ error: "is not a whole number of milliseconds" })
  .min(100, { error: "is below 100 ms" })
  .max(30_000, { error: "is above 30000 ms: a user request would wait that long" });
const routeOverrides = z.partialRecord(
  z.enum(ROUTE_NAMES as [RouteName, ...RouteName[]]),
  z.string().regex(/^\/[^?#]*$/, { error: "must be a path starting with / (no query or fragment)" }),
);

const configs = new WeakMap<object, EcosystemConfig>();

/**
 * Reads and validates the ChittyOS configuration. A bad value never throws: it is reported in `errors`
 * (and per service) for /health, and the affected setting falls back to its default.
 */
export function ecosystemConfig(env: Env): EcosystemConfig {
  const cached = configs.get(env);
  if (cached) return cached;
  const config = readConfig(env);
  configs.set(env, config);
  return config;
}

function readConfig(env: Env): EcosystemConfig {
  const vars = env as unknown as Record<string, string | undefined>;
  const text = (name: string) => vars[name]?.trim() || null;
  const errors: string[] = [];
  const globalErrors: string[] = [];
  const routeErrors = new Map<EcosystemService, string[]>();

  const readUrl = (name: string): { url: string | null; error?: string } => {
    const value = text(name);
    if (value === null) return { url: null };
    const parsed = baseUrl.safeParse(value);
    if (parsed.success) return { url: parsed.data.replace(/\/+$/, "") };
    const error = `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}; the embedded default serves until it is fixed`;
    errors.push(error);
    return { url: null, error };
  };

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  const rawTimeout = text("CHITTYOS_TIMEOUT_MS");
  if (rawTimeout !== null) {
    const parsed = timeout.safeParse(rawTimeout);
    if (parsed.success) timeoutMs = parsed.data;
    else globalErrors.push(`CHITTYOS_TIMEOUT_MS ${parsed.error.issues[0]?.message}; using ${DEFAULT_TIMEOUT_MS} ms`);
  }

  const routes: Routes = { ...DEFAULT_ROUTES };
  const rawRoutes = text("CHITTYOS_ROUTES");
  if (rawRoutes !== null) {
    let json: unknown;
    try {
      json = JSON.parse(rawRoutes);
    } catch {
      globalErrors.push('CHITTYOS_ROUTES is not JSON; expected an object such as {"chittyid.mint":"/api/get-chittyid"}; using the default routes');
    }
    if (json !== undefined) {
      const parsed = routeOverrides.safeParse(json);
      if (parsed.success) Object.assign(routes, parsed.data);
      else {
        for (const issue of parsed.error.issues) {
          const unknown = issue.code === "unrecognized_keys";
          for (const key of unknown ? issue.keys : [String(issue.path[0] ?? "")]) {
            const message = unknown
              ? `CHITTYOS_ROUTES names an unknown operation "${key}"; known operations: ${ROUTE_NAMES.join(", ")}`
              : `CHITTYOS_ROUTES${key ? `["${key}"]` : ""}: ${issue.message}`;
            const service = ECOSYSTEM_SERVICES.find((s) => key.startsWith(`${s}.`));
            if (service) routeErrors.set(service, [...(routeErrors.get(service) ?? []), message]);
            else globalErrors.push(message);
          }
        }
        // Only the valid overrides apply; a typo in one must not move the others back to their defaults.
        const entries = json && typeof json === "object" && !Array.isArray(json) ? Object.entries(json) : [];
        for (const [key, value] of entries) {
          const one = routeOverrides.safeParse({ [key]: value });
          if (one.success) Object.assign(routes, one.data);
        }
      }
    }
  }
  errors.push(...globalErrors, ...[...routeErrors.values()].flat());

  const services = Object.fromEntries(
    ECOSYSTEM_SERVICES.map((service) => {
      const { urlVar, tokenVar } = SERVICE_SETTINGS[service];
      const { url, error } = readUrl(urlVar);
      const serviceErrors = [...(error ? [error] : []), ...globalErrors, ...(routeErrors.get(service) ?? [])];
      return [service, { url, token: text(tokenVar), errors: serviceErrors }];
    }),
  ) as Record<EcosystemService, ServiceConfig>;

  const register = readUrl("CHITTY_REGISTER_URL");
  if (register.error) services.chittyregistry.errors.push(register.error);

  return {
    services,
    registerUrl: register.url,
    chronicleCaseId: text("CHITTY_CHRONICLE_CASE_ID"),
    timeoutMs,
    routes,
    errors,
  };
}
