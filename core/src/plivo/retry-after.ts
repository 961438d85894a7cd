// One policy for every wait a server asks for (Retry-After after a 429 or 503): the client's retries, the bulk
// sender's requeue and the rate limiter's pause all go through here. A wait is honoured up to a cap; a value that is
// no duration (NaN, negative, not a number) is ignored; a wait over the cap is not slept through — the request fails
// with RATE_LIMITED, saying how long Plivo asked for. So no path can sleep for an hour, or forever.
import { TextbridgeError } from '../errors/index.js';

/** The longest Retry-After any path waits for by default. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * The longest delay a JavaScript timer holds (2^31 − 1 ms, about 24.8 days): a longer one fires at once, which turns a
 * wait loop into a busy loop. No single sleep may be longer.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** A wait the server asked for, when it is a duration: a number of 0 or more (Infinity: "longer than anything"). */
export function usableRetryAfterMs(value: unknown): number | undefined {
  return typeof value === 'number' && value >= 0 ? value : undefined; // NaN fails `>= 0`
}

export type RetryAfterDecision =
  /** Wait this long (the server's wait, within the cap). */
  | { action: 'wait'; ms: number }
  /** The server named no usable wait: the caller uses its own backoff. */
  | { action: 'default' }
  /** The server asked for longer than the cap: do not wait, fail with RATE_LIMITED. */
  | { action: 'give-up'; ms: number };

export function decideRetryAfter(retryAfterMs: unknown, maxMs: number): RetryAfterDecision {
  const ms = usableRetryAfterMs(retryAfterMs);
  if (ms === undefined) return { action: 'default' };
  return ms <= maxMs ? { action: 'wait', ms } : { action: 'give-up', ms };
}

/** A cap option: a number from 0 up to the timer maximum. */
export function isValidWaitCap(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_TIMER_DELAY_MS;
}

/** "45 s", "3 min", "1 h", "2 days"; rounded up, so it is never shorter than the wait. */
export function describeWait(ms: number): string {
  if (!Number.isFinite(ms) || ms > 1000 * 86_400_000) return 'more than 1,000 days';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.ceil(hours / 24)} days`;
}

/** Marks a RATE_LIMITED error whose wait was over the cap, so that no later path waits for it either. */
export const RETRY_AFTER_OVER_CAP = 'retryAfterOverCapMs';

export function isOverCap(error: TextbridgeError): boolean {
  return error.details?.[RETRY_AFTER_OVER_CAP] !== undefined;
}

/**
 * The RATE_LIMITED error for a wait over the cap: the original message, then how long Plivo asked for and why
 * Textbridge did not wait. `retryAfterMs` stays (finite) for hosts that reschedule, e.g. Zapier.
 */
export function retryAfterTooLong(error: TextbridgeError, retryAfterMs: number, maxMs: number): TextbridgeError {
  if (isOverCap(error)) return error;
  const limit = maxMs > 0 ? `, longer than the ${describeWait(maxMs)} Textbridge waits` : '';
  const message = `${error.message.replace(/\.?$/, '.')} Plivo asked to wait ${describeWait(retryAfterMs)} before retrying (Retry-After)${limit}, so nothing was sent.`;
  return new TextbridgeError('RATE_LIMITED', message, {
    hint: `Nothing was sent. Send again after ${describeWait(retryAfterMs)}, or lower the requests per second.`,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.apiId === undefined ? {} : { apiId: error.apiId }),
    ...(error.plivoError === undefined ? {} : { plivoError: error.plivoError }),
    retryAfterMs: Math.min(retryAfterMs, Number.MAX_SAFE_INTEGER),
    details: { ...error.details, [RETRY_AFTER_OVER_CAP]: maxMs, requestSent: false },
  });
}
