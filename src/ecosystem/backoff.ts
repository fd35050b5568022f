/**
 * How long to wait before trying again after `attempts` failures: 30 s, doubling, at most an hour. Shared by the
 * outbox and initialization, whose retries wait on services that are down for seconds or for hours.
 */
export function retryAfterMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}
