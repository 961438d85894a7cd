// The retry engine on its own: backoff with full jitter, Retry-After parsing, which failures each policy repeats,
// and option validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_OPTIONS, TextbridgeError, parseRetryAfter } from '../../src/index.js';
import { systemClock } from '../../src/node/system-clock.js';
import {
  isRetryable,
  resolveRetryOptions,
  retryDelayMs,
  runWithRetry,
  type RetryPolicy,
} from '../../src/plivo/retry.js';

const instant = (delays: number[] = []) =>
  resolveRetryOptions(systemClock, { sleep: async (ms) => void delays.push(ms), random: () => 0.5 });

function failing(code: TextbridgeError['code'], options: ConstructorParameters<typeof TextbridgeError>[2] = {}) {
  return new TextbridgeError(code, code, options);
}

describe('retryDelayMs', () => {
  it('doubles the ceiling each attempt up to maxDelayMs, with full jitter', () => {
    const options = resolveRetryOptions(systemClock, { random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(attempt, options))).toEqual([
      249, 499, 999, 1999, 3999, 7999, 9999, 9999,
    ]);
    expect(retryDelayMs(3, resolveRetryOptions(systemClock, { random: () => 0 }))).toBe(0);
  });

  it('is never shorter than a Retry-After within maxRetryAfterMs, never longer than the cap, and otherwise within [0, ceiling)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.option(
          fc.oneof(
            fc.integer({ min: 0, max: 120_000 }),
            fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300),
          ),
          { nil: undefined },
        ),
        (attempt, r, retryAfter) => {
          const options = resolveRetryOptions(systemClock, { random: () => r });
          const delay = retryDelayMs(attempt, options, retryAfter);
          const ceiling = Math.min(DEFAULT_RETRY_OPTIONS.maxDelayMs, DEFAULT_RETRY_OPTIONS.baseDelayMs * 2 ** (attempt - 1));
          const honoured = retryAfter !== undefined && retryAfter >= 0 && retryAfter <= DEFAULT_RETRY_OPTIONS.maxRetryAfterMs ? retryAfter : 0;
          expect(delay).toBeGreaterThanOrEqual(honoured);
          expect(delay).toBeLessThan(Math.max(ceiling, honoured + 1));
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);
  it.each([
    ['2', 2000],
    ['0', 0],
    [' 1.5 ', 1500],
    ['Mon, 01 Jan 2024 12:00:30 GMT', 30_000],
    ['Mon, 01 Jan 2024 11:59:00 GMT', 0],
  ])('%j -> %i ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
  it('reads a wait too long for a number as the longest safe integer, never Infinity', () => {
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseRetryAfter('99999999999999999999', now)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each([undefined, '', 'soon', '-3', 'NaN', 'Infinity'])('%j -> undefined', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('isRetryable', () => {
  const cases: [string, TextbridgeError, boolean, boolean][] = [
    ['429', failing('RATE_LIMITED', { status: 429 }), true, true],
    ['503', failing('PLIVO_SERVER_ERROR', { status: 503 }), true, true],
    ['500', failing('PLIVO_SERVER_ERROR', { status: 500 }), true, false],
    ['502', failing('PLIVO_SERVER_ERROR', { status: 502 }), true, false],
    ['504', failing('PLIVO_SERVER_ERROR', { status: 504 }), true, false],
    ['refused (unsent)', failing('NETWORK', { details: { requestSent: false } }), true, true],
    ['reset (maybe sent)', failing('NETWORK', { details: { requestSent: 'unknown' } }), true, false],
    ['reset after write', failing('NETWORK', { details: { requestSent: true } }), true, false],
    ['timeout', failing('TIMEOUT', { details: { requestSent: true } }), true, false],
    ['400', failing('INVALID_REQUEST', { status: 400 }), false, false],
    ['401', failing('AUTHENTICATION_FAILED', { status: 401 }), false, false],
    ['unreadable answer', failing('INVALID_RESPONSE', { status: 200 }), false, false],
    ['aborted', failing('ABORTED'), false, false],
  ];
  it.each(cases)('%s: idempotent %s, create %s', (_label, error, idempotent, create) => {
    expect(isRetryable(error, 'idempotent')).toBe(idempotent);
    expect(isRetryable(error, 'create')).toBe(create);
  });
});

describe('runWithRetry', () => {
  async function run(policy: RetryPolicy, errors: TextbridgeError[], maxRetries?: number) {
    let calls = 0;
    const delays: number[] = [];
    const outcome = await runWithRetry(
      async () => {
        const error = errors[calls];
        calls += 1;
        if (error) throw error;
        return 'ok';
      },
      { policy, retry: instant(delays), call: maxRetries === undefined ? {} : { maxRetries }, operation: 'Test' },
    ).catch((error: unknown) => error);
    return { outcome, calls, delays };
  }

  it('returns the first success', async () => {
    const result = await run('idempotent', [failing('TIMEOUT'), failing('NETWORK')]);
    expect(result).toEqual({ outcome: 'ok', calls: 3, delays: [125, 250] });
  });

  it('rethrows the last error unchanged after maxRetries', async () => {
    const errors = [1, 2, 3, 4].map((n) => failing('PLIVO_SERVER_ERROR', { status: 500, apiId: `a${n}` }));
    const result = await run('idempotent', errors);
    expect(result.calls).toBe(4);
    expect(result.outcome).toBe(errors[3]);
  });

  it('does not repeat an ambiguous failure of a create', async () => {
    const timeout = failing('TIMEOUT', { details: { requestSent: true } });
    const result = await run('create', [timeout]);
    expect(result).toEqual({ outcome: timeout, calls: 1, delays: [] });
  });

  it('maxRetries 0 makes one attempt', async () => {
    expect((await run('idempotent', [failing('TIMEOUT')], 0)).calls).toBe(1);
  });

  it('rejects an invalid per-call maxRetries', async () => {
    const result = await run('idempotent', [], -1);
    expect(result.outcome).toMatchObject({ code: 'INVALID_INPUT', field: 'retry.maxRetries' });
  });
});

describe('options', () => {
  it('defaults to 3 retries from 250 ms up to 10 s', () => {
    expect(DEFAULT_RETRY_OPTIONS).toEqual({ maxRetries: 3, baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 });
  });

  it.each([{ maxRetries: 1.5 }, { maxRetries: -1 }, { baseDelayMs: Number.NaN }, { maxDelayMs: -5 }, { sleep: 5 }, { random: 'x' }])(
    'rejects %j with INVALID_INPUT naming the option',
    (options) => {
      expect(() => resolveRetryOptions(systemClock, options as never)).toThrow(TextbridgeError);
      try {
        resolveRetryOptions(systemClock, options as never);
      } catch (error) {
        expect((error as TextbridgeError).field).toBe(`retry.${Object.keys(options)[0]}`);
      }
    },
  );

  it('the system clock waits, and returns as soon as the signal aborts', async () => {
    await expect(systemClock.sleep(5)).resolves.toBeUndefined();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(systemClock.sleep(60_000, controller.signal)).resolves.toBeUndefined();
    expect(controller.signal.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
