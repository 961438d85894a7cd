// Token bucket that paces requests to Plivo and backs off when Plivo answers 429.
import { isClock, missingClockError, type Clock } from '../clock.js';
import { TextbridgeError } from '../errors/index.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, MAX_TIMER_DELAY_MS, decideRetryAfter, isValidWaitCap } from '../plivo/retry-after.js';

/**
 * Plivo allows 300 API requests per 5 s. A bucket refilling at r/s with a burst of b lets through at most b + 5r
 * requests in any 5 s window. At 50/s with the default burst of a fifth of a second's worth (10), that is 260: the
 * 40-request margin absorbs requests that leave together but reach Plivo unevenly (measured against the sandbox's
 * limit, a burst of a whole second's worth drew a 429 and its 30 s slow-down).
 */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 50;
/** How long the rate takes to climb back from its lowered value to the configured one after a 429. */
export const DEFAULT_RECOVERY_MS = 30_000;
/** Wait assumed after a 429 that did not say how long to wait. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 1_000;

export interface RateLimiterOptions {
  /** Sustained rate; default 50 (see DEFAULT_MAX_REQUESTS_PER_SECOND). */
  maxRequestsPerSecond?: number;
  /** Requests that may go at once after a quiet period; default a fifth of a second's worth (at least 1). */
  burst?: number;
  /** Floor for the rate after repeated 429s; default a tenth of the configured rate. */
  minRequestsPerSecond?: number;
  /** Default 30 s: see DEFAULT_RECOVERY_MS. */
  recoveryMs?: number;
  /** Longest pause a 429 may impose (default 60 s, the client's maxRetryAfterMs); a longer retryAfterMs is cut to it. */
  maxPauseMs?: number;
  /** The host's clock (core starts no timers). */
  clock: Clock;
}

export interface RateLimiter {
  /** Resolves when a request may be sent (first come, first served); rejects with ABORTED when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void>;
  /**
   * Reports a 429: grants nothing until `retryAfterMs` has passed (at most `maxPauseMs`; a value that is no duration —
   * NaN, negative — counts as none: one second), halves the rate (down to the floor), then lets it recover linearly
   * to the configured rate over `recoveryMs`.
   */
  penalize(retryAfterMs?: number): void;
  /** The rate in force now, in requests per second. */
  currentRate(): number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: TextbridgeError) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

class TokenBucketRateLimiter implements RateLimiter {
  readonly #maxRate: number;
  readonly #minRate: number;
  readonly #burst: number;
  readonly #recoveryMs: number;
  readonly #maxPauseMs: number;
  readonly #clock: Clock;
  #tokens: number;
  #lastRefill: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  /** Rate right after the last 429, and when its recovery starts (the end of the pause). */
  #loweredRate: number;
  #recoveryStart = Number.NEGATIVE_INFINITY;
  #waiters: Waiter[] = [];
  #timer: AbortController | undefined;

  constructor(options: RateLimiterOptions) {
    this.#maxRate = options.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND;
    this.#burst = options.burst ?? Math.max(1, Math.floor(this.#maxRate / 5));
    this.#minRate = Math.min(this.#maxRate, options.minRequestsPerSecond ?? this.#maxRate / 10);
    this.#recoveryMs = options.recoveryMs ?? DEFAULT_RECOVERY_MS;
    this.#maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    this.#clock = options.clock;
    this.#tokens = this.#burst;
    this.#lastRefill = this.#clock.now();
    this.#loweredRate = this.#maxRate;
  }

  currentRate(): number {
    return this.#rateAt(this.#clock.now());
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortedError());
    if (this.#waiters.length === 0 && this.#take()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          if (this.#waiters.length === 0) this.#timer?.abort();
          reject(abortedError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
      this.#schedule();
    });
  }

  penalize(retryAfterMs?: number): void {
    const decision = decideRetryAfter(retryAfterMs, this.#maxPauseMs);
    const pauseMs =
      decision.action === 'default' ? Math.min(DEFAULT_RATE_LIMIT_PAUSE_MS, this.#maxPauseMs)
      : decision.action === 'wait' ? decision.ms
      : this.#maxPauseMs;
    const now = this.#clock.now();
    this.#refill(now);
    this.#loweredRate = Math.max(this.#minRate, this.#rateAt(now) / 2);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + pauseMs);
    this.#recoveryStart = this.#pausedUntil;
    this.#tokens = 0;
    // A pending wake-up was computed before the pause: recompute it.
    this.#timer?.abort();
  }

  #rateAt(time: number): number {
    if (this.#loweredRate >= this.#maxRate) return this.#maxRate;
    if (time < this.#recoveryStart) return this.#loweredRate;
    const recovered = ((time - this.#recoveryStart) / this.#recoveryMs) * (this.#maxRate - this.#loweredRate);
    return Math.min(this.#maxRate, this.#loweredRate + recovered);
  }

  #refill(now: number): void {
    const from = Math.max(this.#lastRefill, this.#pausedUntil);
    // The rate at the start of the interval: never more generous than the rate actually in force.
    if (now > from) this.#tokens = Math.min(this.#burst, this.#tokens + ((now - from) / 1000) * this.#rateAt(from));
    this.#lastRefill = Math.max(this.#lastRefill, now);
  }

  #take(): boolean {
    const now = this.#clock.now();
    if (now < this.#pausedUntil) return false;
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #msUntilToken(): number {
    const now = this.#clock.now();
    const start = Math.max(now, this.#pausedUntil);
    this.#refill(now);
    const missing = Math.max(0, 1 - this.#tokens);
    return Math.max(1, Math.ceil(start - now + (missing / this.#rateAt(start)) * 1000));
  }

  /**
   * One timer at a time wakes the queue when the next token is due. A sleep never exceeds what a timer can hold (a
   * longer one fires at once: a busy loop); a very slow rate just wakes up and sleeps again.
   */
  #schedule(): void {
    if (this.#timer || this.#waiters.length === 0) return;
    const timer = new AbortController();
    this.#timer = timer;
    void this.#clock.sleep(Math.min(this.#msUntilToken(), MAX_TIMER_DELAY_MS), timer.signal).then(() => {
      if (this.#timer === timer) this.#timer = undefined;
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#waiters.length > 0 && this.#take()) {
      const waiter = this.#waiters.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.#schedule();
  }
}

function abortedError(): TextbridgeError {
  return new TextbridgeError('ABORTED', 'Waiting for a free request slot was cancelled.');
}

/** Validates the options (TextbridgeError INVALID_INPUT naming the option) and creates a limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!isClock(options?.clock)) throw missingClockError('Rate limiter');
  if (options.maxPauseMs !== undefined && !isValidWaitCap(options.maxPauseMs)) {
    throw new TextbridgeError(
      'INVALID_INPUT',
      `maxPauseMs must be a number from 0 to ${MAX_TIMER_DELAY_MS}, but got ${String(options.maxPauseMs)}.`,
      { field: 'maxPauseMs', hint: 'Set maxPauseMs to the longest pause a 429 may impose, or leave it empty for 60 s.' },
    );
  }
  for (const key of ['maxRequestsPerSecond', 'burst', 'minRequestsPerSecond', 'recoveryMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new TextbridgeError('INVALID_INPUT', `${key} must be a positive number, but got ${String(value)}.`, {
        field: key,
        hint: `Set ${key} to a number above 0, or leave it empty for the default.`,
      });
    }
  }
  return new TokenBucketRateLimiter(options);
}
