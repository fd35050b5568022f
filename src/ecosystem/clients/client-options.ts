import { resolveServiceUrl } from "../discovery";
import type { EcosystemService } from "../services";
import type { CallOptions } from "../http/call-service";

/** What every client factory accepts. */
export interface ClientOptions extends CallOptions {
  /**
   * The service's base URL, skipping configuration and discovery; null forces the embedded default.
   * Left undefined, the factory resolves it (configured URL, then the registry's).
   */
  url?: string | null;
}

/** The service is served by a remote ChittyOS service or by the gateway's embedded default. */
export type ServiceMode = "remote" | "embedded";

/** The base URL a factory should use: the explicit option, else configuration, else discovery. */
export function serviceUrl(env: Env, service: EcosystemService, options: ClientOptions): Promise<string | null> {
  return options.url !== undefined ? Promise.resolve(options.url) : resolveServiceUrl(env, service, options);
}
