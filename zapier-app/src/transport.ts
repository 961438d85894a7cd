// Core's HTTP seam implemented over `z.request`, so every Plivo call goes through Zapier's own middleware: request
// logging (with secrets scrubbed), throttling and the app's `beforeRequest`, which adds the Basic auth header.
import { createPlivoClient } from '@textbridge/core/node';
import type { PlivoClient, RetryOptions } from '@textbridge/core/plivo';
import { classifyTransportError, type Transport, type TransportRequest, type TransportResponse } from '@textbridge/core/transport';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { clientCredentials } from '@textbridge/core/integration';
import { credentialsOf } from './credentials.js';
import { APP_VERSION } from './version.js';

/** Zapier stops a step after 30 s: a call may take 25 s, leaving room for the rest of the step. */
const ZAPIER_CALL_TIMEOUT_MS = 25_000;

/**
 * Short retries for network hiccups only. Any 429 that names a wait (`maxRetryAfterMs: 0`) goes straight back to
 * Zapier as a ThrottledError, which reschedules the step instead of spending the 30 s budget asleep.
 */
const ZAPIER_RETRY: RetryOptions = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 2_000, maxRetryAfterMs: 0 };

const USER_AGENT = `textbridge-zapier/${APP_VERSION}`;

/** Request options `z.request` understands beyond its published type. */
interface ZapierRequestOptions extends HttpRequestOptions {
  url: string;
  /** false: a 429 comes back as a response, so core reads Plivo's Retry-After and reports RATE_LIMITED. */
  throwForThrottlingEarly: boolean;
  /** false: no `{{curly}}` handling, so a message text is sent exactly as written. */
  merge: boolean;
  signal?: AbortSignal;
}

/** Zapier's beforeRequest owns authentication: core's own header is dropped so there is only ever one. */
function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function headerRecord(headers: { forEach(callback: (value: string, name: string) => void): void }): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

/** node-fetch reports its own timeout by `type`, not by a code core's classifier knows. */
function normalizeFetchError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'request-timeout') {
    const timeout = new Error('The request to Plivo timed out', { cause: error });
    timeout.name = 'TimeoutError';
    return timeout;
  }
  return error;
}

/** A core Transport that sends through `z.request` and returns every HTTP answer (4xx/5xx included) as a response. */
export function createZapierTransport(z: ZObject): Transport {
  return async (request: TransportRequest): Promise<TransportResponse> => {
    const options: ZapierRequestOptions = {
      url: request.url,
      method: request.method,
      headers: withoutAuthorization(request.headers),
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      merge: false,
    };
    // Bytes (a media upload) must be a Buffer: z.request would JSON-encode any other object.
    if (typeof request.body === 'string') options.body = request.body;
    else if (request.body !== undefined) options.body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
    if (request.signal) options.signal = request.signal;
    try {
      const response = await z.request(options);
      return { status: response.status, headers: headerRecord(response.headers), body: response.content ?? '' };
    } catch (error) {
      throw classifyTransportError(normalizeFetchError(error), request.signal ? { signal: request.signal } : {});
    }
  };
}

/** The Plivo client for this connection: the account in `bundle.authData`, over Zapier's HTTP client. */
export function plivoClientFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): PlivoClient {
  return createPlivoClient({
    ...clientCredentials(credentialsOf(bundle.authData)),
    transport: createZapierTransport(z),
    retry: ZAPIER_RETRY,
    timeoutMs: ZAPIER_CALL_TIMEOUT_MS,
    userAgent: USER_AGENT,
  });
}
