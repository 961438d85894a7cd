// Retries without duplicates. Idempotent calls (GET, DELETE, updates by id) retry on every transient failure;
// a call that creates something (a send, a new application) is retried only when Plivo provably did not process
// it, because a second attempt after an ambiguous failure could send the same SMS twice.
import type { Clock } from '../clock.js';
import { TextbridgeError } from '../errors/index.js';
import {
  DEFAULT_MAX_RETRY_AFTER_MS,
  MAX_TIMER_DELAY_MS,
  decideRetryAfter,
  isValidWaitCap,
  retryAfterTooLong,
} from './retry-after.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** First backoff step (default 250 ms); doubles each retry, with full jitter. */
  baseDelayMs?: number;
  /** Cap of the jittered backoff (default 10 s). A longer Retry-After is still honoured, up to maxRetryAfterMs. */
  maxDelayMs?: number;
  /**
   * A Retry-After longer than this is not waited for: the call fails with RATE_LIMITED, saying how long Plivo asked
   * for, with retryAfterMs (default 60 s, at most 2^31 − 1 ms). One policy with the bulk sender and rate limiter.
   */
  maxRetryAfterMs?: number;
  /** Replaces the client's clock for back-off waits (tests); may resolve or reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** The failure that triggered this retry. */
  error: TextbridgeError;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's maxRetries for this call. */
  maxRetries?: number;
  onRetry?: (info: RetryInfo) => void;
}

/** `idempotent`: safe to repeat. `create`: repeating after an ambiguous failure could duplicate the effect. */
export type RetryPolicy = 'idempotent' | 'create';

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY_OPTIONS: Readonly<Omit<ResolvedRetryOptions, 'sleep' | 'random'>> = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
};

export function abortedError(
  signal: AbortSignal | undefined,
  operation: string,
  requestSent: boolean | 'unknown' = false,
): TextbridgeError {
  const effect = requestSent === false ? '' : ' after the request was sent, so it may have taken effect';
  return new TextbridgeError('ABORTED', `${operation} was cancelled${effect}.`, {
    details: { requestSent },
    ...(signal?.reason === undefined ? {} : { cause: signal.reason }),
  });
}

function nonNegativeNumber(name: string, value: unknown, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `Retry option ${name} must be a ${integer ? 'whole number' : 'number'} of 0 or more, but got ${String(value)}.`,
      { field: `retry.${name}` },
    );
  }
  return value;
}

/** A wait option: a timer cannot hold more than MAX_TIMER_DELAY_MS (a longer one would fire at once). */
function waitCap(name: string, value: unknown, fallback: number): number {
  const ms = nonNegativeNumber(name, value, fallback);
  if (!isValidWaitCap(ms)) {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `Retry option ${name} must be at most ${MAX_TIMER_DELAY_MS} ms (about 24.8 days), but got ${ms}.`,
      { field: `retry.${name}` },
    );
  }
  return ms;
}

function optionalFunction<T>(name: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') {
    throw new TextbridgeError('INVALID_INPUT', `Retry option ${name} must be a function.`, { field: `retry.${name}` });
  }
  return value as T;
}

/** Back-off waits use `clock` unless the options bring their own `sleep`. */
export function resolveRetryOptions(clock: Clock, options: RetryOptions = {}): ResolvedRetryOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TextbridgeError('INVALID_INPUT', 'The retry option must be an object.', { field: 'retry' });
  }
  return {
    maxRetries: nonNegativeNumber('maxRetries', options.maxRetries, DEFAULT_RETRY_OPTIONS.maxRetries, true),
    baseDelayMs: nonNegativeNumber('baseDelayMs', options.baseDelayMs, DEFAULT_RETRY_OPTIONS.baseDelayMs),
    maxDelayMs: waitCap('maxDelayMs', options.maxDelayMs, DEFAULT_RETRY_OPTIONS.maxDelayMs),
    maxRetryAfterMs: waitCap('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_RETRY_OPTIONS.maxRetryAfterMs),
    sleep: optionalFunction('sleep', options.sleep, (ms: number, signal?: AbortSignal) => clock.sleep(ms, signal)),
    random: optionalFunction('random', options.random, Math.random),
  };
}

/**
 * Full-jitter exponential backoff (`attempt` is 1-based), never shorter than the server's Retry-After as far as
 * maxRetryAfterMs allows (an unusable Retry-After is ignored).
 */
export function retryDelayMs(attempt: number, options: ResolvedRetryOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(options.random() * ceiling);
  const decision = decideRetryAfter(retryAfterMs, options.maxRetryAfterMs);
  return Math.max(jittered, decision.action === 'wait' ? decision.ms : 0);
}

/**
 * Parses a Retry-After header: delay-seconds (decimals tolerated) or an HTTP date. Undefined when absent or unreadable.
 * Always a finite number: an absurdly long wait (hundreds of digits) becomes Number.MAX_SAFE_INTEGER, over every cap.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Math.ceil(Number(text) * 1000), Number.MAX_SAFE_INTEGER);
  // An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would read "-3" as a year.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A failure Plivo answered before doing anything: the request can be repeated even if it creates something. */
function provablyUnprocessed(error: TextbridgeError): boolean {
  if (error.code === 'RATE_LIMITED') return true;
  if (error.code === 'PLIVO_SERVER_ERROR' && error.status === 503) return true;
  return error.code === 'NETWORK' && error.details?.requestSent === false;
}

function transient(error: TextbridgeError): boolean {
  return ['RATE_LIMITED', 'PLIVO_SERVER_ERROR', 'NETWORK', 'TIMEOUT'].includes(error.code);
}

/** True when the failure may hide a processed request (the caller must not repeat a `create`). */
export function mayHaveBeenProcessed(error: TextbridgeError): boolean {
  return transient(error) && !provablyUnprocessed(error);
}

export function isRetryable(error: TextbridgeError, policy: RetryPolicy): boolean {
  return policy === 'idempotent' ? transient(error) : provablyUnprocessed(error);
}

export interface RunWithRetryOptions {
  policy: RetryPolicy;
  retry: ResolvedRetryOptions;
  call?: CallOptions;
  /** Names the operation in ABORTED messages. */
  operation: string;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the retries run out; then rethrows the
 * last failure unchanged (the caller turns an ambiguous `create` failure into its own error).
 */
export async function runWithRetry<T>(attempt: () => Promise<T>, options: RunWithRetryOptions): Promise<T> {
  const { policy, retry, call = {}, operation } = options;
  const maxRetries = nonNegativeNumber('maxRetries', call.maxRetries, retry.maxRetries, true);
  const { signal } = call;
  for (let retriesDone = 0; ; retriesDone += 1) {
    if (signal?.aborted) throw abortedError(signal, operation);
    let error: TextbridgeError;
    try {
      return await attempt();
    } catch (caught) {
      if (!(caught instanceof TextbridgeError)) throw caught;
      error = caught;
    }
    // A host transport may ignore the signal and fail otherwise: the cancellation is still what happened.
    if (signal?.aborted && error.code !== 'ABORTED') throw abortedError(signal, operation, 'unknown');
    // Plivo asked for a longer wait than the cap: fail now, saying so, whatever retries are left.
    const retryAfter = decideRetryAfter(error.retryAfterMs, retry.maxRetryAfterMs);
    if (error.code === 'RATE_LIMITED' && retryAfter.action === 'give-up') {
      throw retryAfterTooLong(error, retryAfter.ms, retry.maxRetryAfterMs);
    }
    if (retriesDone >= maxRetries || !isRetryable(error, policy)) throw error;
    if (retryAfter.action === 'give-up') throw error;
    const delayMs = retryDelayMs(retriesDone + 1, retry, error.retryAfterMs);
    call.onRetry?.({ attempt: retriesDone + 1, delayMs, error });
    try {
      await retry.sleep(delayMs, signal);
    } catch (sleepError) {
      if (signal?.aborted) throw abortedError(signal, operation);
      throw sleepError;
    }
    if (signal?.aborted) throw abortedError(signal, operation);
  }
}
