// Node-ready forms of the factories that need a transport or a clock: undici and Node's timers unless the caller
// brings its own. `@textbridge/core` (the package root) exports these; the subpaths (`/plivo`, `/send`) export the
// host-injected forms, which is what the n8n bundles use (n8n forbids timers and undici in community nodes).
import type { Transport } from '../transport/index.js';
import { createPlivoClient as createInjectedPlivoClient, type PlivoClient, type PlivoClientOptions } from '../plivo/client.js';
import { createRateLimiter as createInjectedRateLimiter, type RateLimiter, type RateLimiterOptions } from '../send/rate-limiter.js';
import { sendBulk as injectedSendBulk, sendBulkStream as injectedSendBulkStream, type BulkSendInput } from '../send/bulk.js';
import type { BulkSendResult } from '../send/outcomes.js';
import type { BulkSendClient, BulkSendOptions } from '../send/schemas.js';
import { systemClock } from './system-clock.js';

export type NodePlivoClientOptions = Omit<PlivoClientOptions, 'transport' | 'clock'> &
  Partial<Pick<PlivoClientOptions, 'transport' | 'clock'>>;

let sharedTransport: Promise<Transport> | undefined;
/** One keep-alive pool set for every client that brings no transport of its own, loaded on first use. */
function defaultTransport(): Transport {
  return async (request) => {
    sharedTransport ??= import('./undici-transport.js').then(({ createUndiciTransport }) => createUndiciTransport());
    return (await sharedTransport)(request);
  };
}

export function createPlivoClient(options: NodePlivoClientOptions): PlivoClient {
  // Anything but missing values goes through as given, so the client's own validation names what is wrong.
  if (typeof options !== 'object' || options === null) return createInjectedPlivoClient(options);
  const given = options as Partial<PlivoClientOptions>;
  return createInjectedPlivoClient({
    ...given,
    transport: given.transport ?? defaultTransport(),
    clock: given.clock ?? systemClock,
  } as PlivoClientOptions);
}

export function createRateLimiter(options: Partial<RateLimiterOptions> = {}): RateLimiter {
  return createInjectedRateLimiter({ ...options, clock: options.clock ?? systemClock });
}

function withClock(client: BulkSendClient, options: BulkSendOptions | undefined): BulkSendOptions {
  const given = options ?? {};
  // Quiet hours read the time even when a rate limiter of the caller's paces the run.
  return given.clock || client?.clock ? given : { ...given, clock: systemClock };
}

export function sendBulk(client: BulkSendClient, messages: BulkSendInput, options?: BulkSendOptions): Promise<BulkSendResult[]> {
  return injectedSendBulk(client, messages, withClock(client, options));
}

export function sendBulkStream(
  client: BulkSendClient,
  messages: BulkSendInput,
  options?: BulkSendOptions,
): AsyncGenerator<BulkSendResult, void, undefined> {
  return injectedSendBulkStream(client, messages, withClock(client, options));
}
