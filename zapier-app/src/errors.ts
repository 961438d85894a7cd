// Core's TextbridgeError -> Zapier's error classes, which decide what Zapier does next: retry later (throttled),
// ask the user to reconnect (expired auth), or show the message and hint on the step.
import { createRedactor, isTextbridgeError } from '@textbridge/core/errors';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { secretsOf } from './credentials.js';

type AuthBundle = Pick<Bundle, 'authData'>;

/**
 * Longest delay handed to Zapier (a day). Core fails a 429 whose wait is over its cap instead of sleeping; Zapier then
 * reschedules the step, but a wait of days or more is a broken header rather than a plan, and is cut to this.
 */
export const MAX_THROTTLE_DELAY_SECONDS = 86_400;

/** Whole seconds Zapier waits before retrying; undefined (no usable wait: NaN, negative) lets Zapier pick its own. */
export function delaySeconds(retryAfterMs: number | undefined): number | undefined {
  if (retryAfterMs === undefined || !(retryAfterMs >= 0)) return undefined;
  return Math.min(MAX_THROTTLE_DELAY_SECONDS, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

/** Errors other than TextbridgeError (Zapier's own, or a bug) pass through, redacted like ours. */
export function toZapierError(z: ZObject, bundle: AuthBundle, error: unknown): Error {
  const redactor = createRedactor(secretsOf(bundle.authData));
  if (!isTextbridgeError(error)) return redactor.value(error instanceof Error ? error : new z.errors.Error(String(error)));
  const message = redactor.text(`${error.message} ${error.hint}`);
  switch (error.code) {
    case 'RATE_LIMITED':
      return new z.errors.ThrottledError(message, delaySeconds(error.retryAfterMs));
    case 'AUTHENTICATION_FAILED':
      // Not "contextified": Zapier would append the raw HTTP exchange, which is not ours to show.
      return Object.assign(new z.errors.ExpiredAuthError(message), { doNotContextify: true });
    default:
      return new z.errors.Error(message, error.code, error.status);
  }
}

/** Runs an operation and rethrows whatever it throws as the matching Zapier error. */
export async function withZapierErrors<T>(z: ZObject, bundle: AuthBundle, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toZapierError(z, bundle, error);
  }
}
