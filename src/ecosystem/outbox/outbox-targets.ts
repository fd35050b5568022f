import { ecosystemConfig } from "../config";

/** Which records the outbox must forward: DNA to a remote ChittyDNA, events to a remote ChittyChronicle. */
export interface OutboxTargets {
  dna: boolean;
  chronicle: boolean;
}

/**
 * The targets as configured. A service reachable only through discovery counts as remote too (the forwarder
 * resolves its URL when it sends); Chronicle also needs CHITTY_CHRONICLE_CASE_ID, without which nothing is sent.
 */
export function outboxTargets(env: Env): OutboxTargets {
  const config = ecosystemConfig(env);
  const discoverable = config.services.chittyregistry.url !== null;
  return {
    dna: config.services.chittydna.url !== null || discoverable,
    chronicle: (config.services.chittychronicle.url !== null || discoverable) && config.chronicleCaseId !== null,
  };
}
