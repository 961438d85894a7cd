// Zod shapes of what callers give the bulk sender (the client's send parameters, one destination each).
import { z } from 'zod/v4';
import { isClock, type Clock } from '../clock.js';
import type { PlivoClient } from '../plivo/client.js';
import type { SendFieldLabeler, SendMessageInput, SendMessageRequest } from '../plivo/send-request.js';
import { MAX_TIMER_DELAY_MS } from '../plivo/retry-after.js';
import type { RateLimiter } from './rate-limiter.js';
import type { QuietHoursLabels, QuietHoursOptions } from './quiet-hours.js';

/**
 * One message of a bulk send: a sender (`src` or `powerpackUuid`), one destination and the text, with the client's
 * send options — parsed by parseSendRequest with the run's default country and smart encoding — or a request the
 * caller already parsed (a host that reads options per item).
 */
export type SendRequest = SendMessageInput;
export type BulkSendMessage = SendMessageInput | SendMessageRequest;

export interface BulkProgress {
  /** Inputs with a final result so far. */
  done: number;
  /** Number of inputs, once known (arrays: from the start; iterables: when the end is reached). */
  total?: number;
  sent: number;
  failed: number;
  /** Held back by quiet hours (present when the run has quiet hours). */
  held?: number;
  /** Skipped because the recipient opted out (present when the run has an opted-out list). */
  skipped?: number;
}

/** Quiet hours for a run, with the words errors use for its fields (default `quietHours.start` …). */
export interface BulkQuietHours extends QuietHoursOptions {
  labels?: Partial<Omit<QuietHoursLabels, 'to'>>;
}

const isFunction = (value: unknown) => typeof value === 'function';

export const bulkSendOptionsSchema = z.strictObject({
  /** Requests in flight at once (default 10; Plivo allows about 100 concurrent requests). */
  concurrency: z.number().int().min(1).max(100).optional(),
  /** Sustained request rate (default 50/s, which keeps any 5 s window within Plivo's 300 requests). */
  maxRequestsPerSecond: z.number().positive().max(1_000_000).optional(),
  /** A limiter to share between bulk sends on one account (overrides maxRequestsPerSecond). */
  rateLimiter: z
    .custom<RateLimiter>(
      (value) => typeof value === 'object' && value !== null && isFunction((value as RateLimiter).acquire),
      { error: 'must be a rate limiter made by createRateLimiter' },
    )
    .optional(),
  /** Paces the default rate limiter (default: the client's clock). */
  clock: z.custom<Clock>(isClock, { error: 'must be a clock with now() and sleep()' }).optional(),
  /**
   * Longest Retry-After a 429 may make the run wait before a request is sent again (default 60 s, like the client's
   * maxRetryAfterMs). A longer one fails that request's messages at once with RATE_LIMITED, saying how long Plivo
   * asked for; the run always ends.
   */
  maxRetryAfterMs: z.number().min(0).max(MAX_TIMER_DELAY_MS).optional(),
  /** Unique destinations per Plivo request (default and maximum 1,000). */
  batchSize: z.number().int().min(1).max(1000).optional(),
  /**
   * Inputs read ahead of the last result handed out (default: enough to fill every concurrent request twice, at most
   * 50,000; for sendBulk given an array, the whole array). Bounds memory for large iterables; when it is reached,
   * partly filled requests whose first input is in the older half of the window are sent.
   */
  lookAhead: z.number().int().min(1).optional(),
  /** Two-letter country used to read destinations written without a country code. */
  defaultCountry: z.string().optional(),
  /** Passed to analyzeMessage: replace look-alike characters so the text fits GSM-7. */
  smartEncoding: z.union([z.boolean(), z.literal('always')]).optional(),
  /**
   * How errors name the fields of input `index` (default: `messages[index].dst` and so on). Hosts pass their own
   * words, e.g. `to (recipient 2)`.
   */
  fieldLabels: z
    .custom<(index: number) => SendFieldLabeler>(isFunction, { error: 'must be a function' })
    .optional(),
  /**
   * Hold messages whose recipient's local time is outside a window (default 08:00–21:00): they get a result with
   * `held: true` and `sendAfter`, and no request is made. The zone comes from the number unless `timeZone` names it.
   * A function gives each input its own setting (undefined: no quiet hours for that input).
   */
  quietHours: z
    .union([
      z.custom<BulkQuietHours>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
        error: 'must be an object with start, end and timeZone',
      }),
      z.custom<(index: number) => BulkQuietHours | undefined>(isFunction),
    ])
    .optional(),
  /**
   * Numbers known to have opted out (read like destinations, with defaultCountry): inputs to them get a result with
   * `skipped: true, reason: 'opted-out'`, and no request is made.
   */
  optedOut: z
    .custom<Iterable<unknown>>(
      (value) => typeof value === 'object' && value !== null && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function',
      { error: 'must be a list of phone numbers' },
    )
    .optional(),
  /** Called after each batch of results; an exception it throws is ignored. */
  onProgress: z
    .custom<(progress: BulkProgress) => void>(isFunction, { error: 'must be a function' })
    .optional(),
  /** Aborting stops sending: inputs not yet sent get ABORTED results. */
  signal: z
    .custom<AbortSignal>(
      // Duck-typed: hosts may hand over a signal from another realm or polyfill.
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as AbortSignal).aborted === 'boolean' &&
        isFunction((value as AbortSignal).addEventListener),
      { error: 'must be an AbortSignal' },
    )
    .optional(),
});
export type BulkSendOptions = z.input<typeof bulkSendOptionsSchema>;

/** All the bulk sender needs of a Plivo client: the real client, the sandbox's, or a test fake. */
export type BulkSendClient = Pick<PlivoClient, 'sendMessage'> & { readonly clock?: Clock };
