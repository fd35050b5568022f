/**
 * How one bundled script is served several ways from one build and one Miniflare: each variant is the
 * Worker of wrangler.toml's top level with these vars on top. A variant costs one more isolate, so add
 * one rather than a second harness when a test needs other vars. Only `default` consumes the queues
 * (a queue has exactly one consumer); the others send to them.
 */
export interface BundleVariantOptions {
  /** Plain-text vars over wrangler.toml's (and over the test secrets). */
  vars?: Record<string, string>;
  /**
   * A D1 database of the variant's own that no migration ever touched, so every query fails as it would
   * against a misconfigured deployment: the way to reach an unexpected resolver error without a test hook.
   * Such variants also set CHITTYCONNECT_AUTO_MIGRATE=false, or the Worker would migrate it on its first request.
   */
  unmigratedDatabase?: boolean;
}

export const BUNDLE_VARIANTS = {
  /** wrangler.toml's top level as it is: ENVIRONMENT=development, no CORS origins, migrated D1. */
  default: {},
  /** Production's answers (masking, no suggestions or introspection, CORS for two origins); no tables. */
  production: {
    vars: { ENVIRONMENT: "production", CORS_ALLOWED_ORIGINS: "https://app.chitty.test, https://ops.chitty.test", CHITTYCONNECT_AUTO_MIGRATE: "false" },
    unmigratedDatabase: true,
  },
  /** Staging's answers; no tables. */
  staging: { vars: { ENVIRONMENT: "staging", CHITTYCONNECT_AUTO_MIGRATE: "false" }, unmigratedDatabase: true },
} as const satisfies Record<string, BundleVariantOptions>;

export type BundleVariant = keyof typeof BUNDLE_VARIANTS;
