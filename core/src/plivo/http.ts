// One Plivo request, end to end: URL and headers, the transport call (cancellable even if a host transport ignores
// the signal), status mapping, JSON and schema validation, retries, and credential redaction of every error.
import type { z } from 'zod/v4';
import type { Clock } from '../clock.js';
import { TextbridgeError } from '../errors/index.js';
import { classifyTransportError } from '../transport/index.js';
import type { Transport, TransportRequest, TransportResponse } from '../transport/index.js';
import { mapHttpError, rewriteError } from './error-mapping.js';
import type { PlivoErrorTextRule } from './error-texts.js';
import type { CallOptions, ResolvedRetryOptions, RetryPolicy } from './retry.js';
import { PLIVO_LIMITS } from './params.js';
import { mayHaveBeenProcessed, runWithRetry } from './retry.js';
import { fieldPath } from './validate.js';

export interface HttpSettings {
  apiOrigin: string;
  lookupOrigin: string;
  /** `Basic …` header value; never echoed. */
  authorization: string;
  userAgent: string;
  timeoutMs: number;
  transport: Transport;
  /** Times the transport guard (core starts no timers of its own). */
  clock: Clock;
  retry: ResolvedRetryOptions;
  /** The token and its encodings, removed from every error. */
  secrets: readonly string[];
}

export interface RequestSpec<T> {
  /** Names the call in messages, e.g. "Send message". */
  operation: string;
  method: TransportRequest['method'];
  host: 'api' | 'lookup';
  /** Path on the host, already encoded. */
  path: string;
  query?: [string, string][];
  body?: Record<string, unknown>;
  /** A body sent as bytes with its own content type (a media upload); replaces `body`. */
  rawBody?: { bytes: Uint8Array; contentType: string };
  policy: RetryPolicy;
  /** True for calls that reach a destination country (a 403 then means geo permissions). */
  reachesDestination?: boolean;
  /** Error-text rules of this operation, tried before the general ones (see error-texts.ts). */
  errorTextRules?: readonly PlivoErrorTextRule[];
  /** `null`: the answer's body is ignored (e.g. a 204 after a delete). */
  schema: z.ZodType<T> | null;
  /** Builds the error for a `create` call whose failure may hide a processed request. */
  onAmbiguousFailure?: (error: TextbridgeError) => TextbridgeError;
}

export interface HttpResult<T> {
  data: T;
  /** The parsed JSON answer, as Plivo sent it. */
  json: unknown;
}

/** How long past its own timeout a transport may take before the client stops waiting for it. */
function transportGuardMs(timeoutMs: number): number {
  return timeoutMs + Math.min(5_000, timeoutMs);
}

function buildUrl(settings: HttpSettings, spec: RequestSpec<unknown>): string {
  const origin = spec.host === 'api' ? settings.apiOrigin : settings.lookupOrigin;
  const query = spec.query && spec.query.length > 0 ? `?${new URLSearchParams(spec.query).toString()}` : '';
  return `${origin}${spec.path}${query}`;
}

/**
 * Why a guard timer is stopped once the call settled: a fixed reason, because `abort()` without one builds a
 * DOMException (with its stack) per request, which a 100,000-message bulk send pays 100,000 times.
 */
const GUARD_RELEASED = Object.freeze({ name: 'GuardReleased' });

/**
 * Waits for the transport, but never longer than the caller's signal or the timeout guard allow: a host transport
 * may ignore both, and a workflow must not hang on it.
 */
function guardedTransportCall(
  transport: Transport,
  request: TransportRequest,
  signal: AbortSignal | undefined,
  guardMs: number,
  clock: Clock,
): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    let settled = false;
    const guard = new AbortController();
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      guard.abort(GUARD_RELEASED);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    // Deferred one turn so that a transport honouring the signal reports first (it knows what was written).
    const onAbort = (): void => {
      void clock.sleep(0).then(() =>
        settle(() => reject(classifyTransportError(signal?.reason, { signal: signal!, requestSent: 'unknown' }))),
      );
    };
    void clock.sleep(guardMs, guard.signal).then(() => {
      if (guard.signal.aborted) return;
      const timeout = new Error('The transport did not settle in time');
      timeout.name = 'TimeoutError';
      settle(() => reject(classifyTransportError(timeout, { requestSent: 'unknown' })));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    let pending: Promise<TransportResponse>;
    try {
      pending = Promise.resolve(transport(request));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => settle(() => resolve(response)),
      (error: unknown) => settle(() => reject(classifyTransportError(error, signal ? { signal } : {}))),
    );
  });
}

function isTransportResponse(value: unknown): value is TransportResponse {
  const candidate = value as Partial<TransportResponse> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.body === 'string' &&
    typeof candidate.headers === 'object' &&
    candidate.headers !== null
  );
}

function invalidResponse(operation: string, status: number, problem: string, policy: RetryPolicy): TextbridgeError {
  const processed = policy === 'create' ? ' Plivo accepted the request, so it has probably taken effect.' : '';
  return new TextbridgeError(
    'INVALID_RESPONSE',
    `${operation}: Plivo's answer (${status}) could not be read: ${problem}.${processed}`,
    { status, details: { problem } },
  );
}

function parseAnswer<T>(response: TransportResponse, spec: RequestSpec<T>): HttpResult<T> {
  if (!spec.schema) return { data: undefined as T, json: undefined };
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    const problem = response.body.trim() === '' ? 'the body is empty' : 'the body is not JSON';
    throw invalidResponse(spec.operation, response.status, problem, spec.policy);
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = fieldPath(issue.path) || 'the body';
    throw invalidResponse(spec.operation, response.status, `${where}: ${issue.message}`, spec.policy);
  }
  return { data: parsed.data, json };
}

function headersFor(settings: HttpSettings, contentType: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: settings.authorization,
    Accept: 'application/json',
    'User-Agent': settings.userAgent,
  };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  return headers;
}

/** Runs one call with retries; every error that leaves is a redacted TextbridgeError naming the operation. */
export async function plivoRequest<T>(
  settings: HttpSettings,
  spec: RequestSpec<T>,
  call: CallOptions = {},
): Promise<HttpResult<T>> {
  const url = buildUrl(settings, spec);
  const body = spec.rawBody?.bytes ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
  const contentType = spec.rawBody?.contentType ?? (body === undefined ? undefined : 'application/json');
  const context = {
    operation: spec.operation,
    reachesDestination: spec.reachesDestination ?? false,
    secrets: settings.secrets,
    ...(spec.errorTextRules === undefined ? {} : { textRules: spec.errorTextRules }),
  };

  const attempt = async (): Promise<HttpResult<T>> => {
    const request: TransportRequest = {
      method: spec.method,
      url,
      headers: headersFor(settings, contentType),
      timeoutMs: settings.timeoutMs,
    };
    if (body !== undefined) request.body = body;
    if (call.signal) request.signal = call.signal;
    let response: TransportResponse;
    try {
      response = await guardedTransportCall(
        settings.transport,
        request,
        call.signal,
        transportGuardMs(settings.timeoutMs),
        settings.clock,
      );
    } catch (error) {
      const failure = classifyTransportError(error, call.signal ? { signal: call.signal } : {});
      throw rewriteError(failure, settings.secrets, { message: `${spec.operation}: ${failure.message}` });
    }
    if (!isTransportResponse(response)) {
      throw new TextbridgeError(
        'INVALID_RESPONSE',
        `${spec.operation}: the transport returned no usable answer (expected a numeric status and a text body).`,
      );
    }
    if (response.status < 200 || response.status >= 300) throw mapHttpError(response, context);
    return parseAnswer(response, spec);
  };

  try {
    return await runWithRetry(attempt, { policy: spec.policy, retry: settings.retry, call, operation: spec.operation });
  } catch (caught) {
    const error =
      caught instanceof TextbridgeError
        ? caught
        : new TextbridgeError('INVALID_RESPONSE', `${spec.operation} failed unexpectedly.`, { cause: caught });
    if (spec.policy === 'create' && spec.onAmbiguousFailure && mayHaveBeenProcessed(error)) {
      throw rewriteError(spec.onAmbiguousFailure(error), settings.secrets);
    }
    // Hosts schedule the next try from retryAfterMs: give one even when Plivo's 429 named none.
    const suggestWait = error.code === 'RATE_LIMITED' && error.retryAfterMs === undefined;
    throw rewriteError(error, settings.secrets, suggestWait ? { retryAfterMs: PLIVO_LIMITS.rateLimitWindowMs } : {});
  }
}
