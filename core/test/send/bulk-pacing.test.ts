// Retry pacing without hangs: one policy for every wait Plivo asks for — the client's retries, the bulk sender's
// requeue after a 429 and the rate limiter's pause. Waits are capped (60 s by default); values that are no duration
// are ignored; a longer wait fails the message at once with RATE_LIMITED. Time is a fake clock: nothing sleeps, and
// every run is proven to end within a bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RETRY_AFTER_MS,
  MAX_RATE_LIMIT_REQUEUES,
  MAX_TIMER_DELAY_MS,
  TextbridgeError,
  createPlivoClient,
  createRateLimiter,
  sendBulk,
  type BulkSendResult,
  type TransportResponse,
} from '../../src/index.js';
import { FakeClient, FakeClock } from './bulk-fakes.js';

/** A fake clock that records every sleep asked of it. */
class RecordingClock extends FakeClock {
  readonly sleeps: number[] = [];
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return super.sleep(ms, signal);
  }
}

/** Advances fake time in 1 s steps until `done` or `boundMs` has passed; returns the fake time it took. */
async function runClockUntil(clock: FakeClock, isDone: () => boolean, boundMs: number): Promise<number> {
  const start = clock.now();
  while (!isDone() && clock.now() - start <= boundMs) await clock.advance(1000);
  return clock.now() - start;
}

/** Retry-After values as they reach the code: fine, unusable, over the cap, absurd. */
const retryAfterValue = fc.oneof(
  fc.integer({ min: 0, max: DEFAULT_MAX_RETRY_AFTER_MS }),
  fc.integer({ min: DEFAULT_MAX_RETRY_AFTER_MS + 1, max: 10 * 86_400_000 }),
  fc.constantFrom(Number.NaN, -1, -Infinity, Infinity, 1e300, Number.MAX_SAFE_INTEGER, 3_600_000),
  fc.constant(undefined),
);

const overCap = (value: number | undefined) => value !== undefined && value > DEFAULT_MAX_RETRY_AFTER_MS;

describe('rate limiter: penalize never stalls sending', () => {
  it('any retryAfterMs (NaN, negative, Infinity, huge) pauses at most maxPauseMs, then grants again', async () => {
    await fc.assert(
      fc.asyncProperty(retryAfterValue, async (retryAfterMs) => {
        const clock = new RecordingClock();
        const limiter = createRateLimiter({ maxRequestsPerSecond: 10, burst: 1, clock });
        await limiter.acquire();
        limiter.penalize(retryAfterMs);
        let granted = false;
        void limiter.acquire().then(() => (granted = true));
        // Paused for at most 60 s, then one token at the halved rate (5/s): 200 ms.
        const took = await runClockUntil(clock, () => granted, DEFAULT_MAX_RETRY_AFTER_MS + 1000);
        expect(granted).toBe(true);
        expect(took).toBeLessThanOrEqual(DEFAULT_MAX_RETRY_AFTER_MS + 1000);
        for (const ms of clock.sleeps) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeLessThanOrEqual(DEFAULT_MAX_RETRY_AFTER_MS + 1000);
        }
        expect(Number.isFinite(limiter.currentRate())).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a penalty over maxPauseMs is cut to it; an unusable one counts as a plain 429 (one second)', async () => {
    for (const [retryAfterMs, pause] of [
      [3_600_000, 60_000],
      [Number.NaN, 1000],
      [-5, 1000],
    ] as const) {
      const clock = new FakeClock();
      const limiter = createRateLimiter({ maxRequestsPerSecond: 1000, burst: 1, recoveryMs: 1e9, clock });
      await limiter.acquire();
      limiter.penalize(retryAfterMs);
      let granted = false;
      void limiter.acquire().then(() => (granted = true));
      await clock.advance(pause - 1);
      expect(granted).toBe(false);
      await clock.advance(10);
      expect(granted).toBe(true);
    }
  });

  it('never asks for a sleep longer than a timer can hold, even at a rate of one request in years', async () => {
    const clock = new RecordingClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1e-9, burst: 1, clock });
    await limiter.acquire();
    void limiter.acquire();
    await clock.advance(3 * MAX_TIMER_DELAY_MS);
    expect(clock.sleeps.length).toBeGreaterThan(0);
    for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
  });

  it('rejects a maxPauseMs that is no duration or longer than a timer can hold', () => {
    for (const maxPauseMs of [Number.NaN, -1, Infinity, MAX_TIMER_DELAY_MS + 1]) {
      expect(() => createRateLimiter({ maxPauseMs })).toThrow(TextbridgeError);
    }
  });
});

describe('bulk sender: a 429 never makes a run sleep long or hang', () => {
  it('whatever Retry-After Plivo sends, every run ends within (429 answers + 1) × 61 s of fake time, no sleep over 60 s plus one token', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(retryAfterValue, { nil: 'ok' as const }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (answers, messageCount, concurrency) => {
          const clock = new RecordingClock();
          /** Per input: the Retry-After of the last 429 its request got. */
          const lastRetryAfter = new Map<string, number | undefined>();
          /** Per input: the call whose 429 asked for longer than the cap. */
          const overCapAt = new Map<string, number>();
          let limited = 0;
          const client = new FakeClient((request, call) => {
            const answer = answers[call % answers.length];
            if (answer === 'ok') return undefined;
            limited++;
            lastRetryAfter.set(request.dsts[0]!, answer);
            if (overCap(answer)) overCapAt.set(request.dsts[0]!, call);
            return new TextbridgeError('RATE_LIMITED', 'Send message failed: Plivo answered 429 Too Many Requests.', {
              status: 429,
              ...(answer === undefined ? {} : { retryAfterMs: answer }),
            });
          });
          const messages = Array.from({ length: messageCount }, (_, i) => ({
            src: '+14155550100',
            dst: `+1415200000${i}`,
            text: `Text ${i}`,
          }));
          let results: BulkSendResult[] | undefined;
          void sendBulk(client, messages, {
            rateLimiter: createRateLimiter({ maxRequestsPerSecond: 10, clock }),
            concurrency,
          }).then((r) => (results = r));
          const bound = (messageCount * (MAX_RATE_LIMIT_REQUEUES + 1) + 1) * (DEFAULT_MAX_RETRY_AFTER_MS + 1000);
          await runClockUntil(clock, () => results !== undefined, bound);
          expect(results).toBeDefined();
          expect(clock.now()).toBeLessThanOrEqual((limited + 1) * (DEFAULT_MAX_RETRY_AFTER_MS + 1000));
          // The pause, plus one token at the lowest rate (1/s).
          for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(DEFAULT_MAX_RETRY_AFTER_MS + 1000);
          // Each request is tried at most 1 + MAX_RATE_LIMIT_REQUEUES times.
          expect(client.requests.length).toBeLessThanOrEqual(messageCount * (MAX_RATE_LIMIT_REQUEUES + 1));
          results!.forEach((result, i) => {
            expect(result.index).toBe(i);
            if (result.ok) return;
            expect(result.error.code).toBe('RATE_LIMITED');
            const retryAfter = lastRetryAfter.get(result.dst!);
            if (overCap(retryAfter)) {
              expect(result.error.message).toMatch(/Plivo asked to wait .+ \(Retry-After\), longer than the 60 s Textbridge waits/);
              expect(Number.isFinite(result.error.retryAfterMs)).toBe(true);
            }
          });
          // A wait over the cap ends the request at once: it is not sent again after that answer.
          for (const [dst, call] of overCapAt) {
            expect(client.requests.slice(call + 1).some((request) => request.dsts.includes(dst))).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('through the real client: Retry-After 3600, endless digits or a far date fail at once, no sleep over 60 s plus one token', async () => {
    for (const header of ['3600', '9'.repeat(400), 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      const clock = new RecordingClock();
      const clientSleeps: number[] = [];
      let calls = 0;
      const client = createPlivoClient({
        authId: 'MAXXXXXXXXXXXXXXXXXX',
        authToken: 'test-token-not-real-0123456789',
        baseUrl: 'https://api.plivo.test',
        retry: { sleep: async (ms) => void clientSleeps.push(ms), random: () => 0 },
        transport: async (): Promise<TransportResponse> => {
          calls++;
          return { status: 429, headers: { 'retry-after': header }, body: JSON.stringify({ api_id: 'a', error: 'too many requests' }) };
        },
      });
      let results: BulkSendResult[] | undefined;
      void sendBulk(
        client,
        [
          { src: '+14155550100', dst: '+14152000001', text: 'One' },
          { src: '+14155550100', dst: '+14152000002', text: 'Two' },
        ],
        { rateLimiter: createRateLimiter({ clock }) },
      ).then((r) => (results = r));
      await runClockUntil(clock, () => results !== undefined, 10_000);
      expect(results).toBeDefined();
      expect(calls).toBe(2); // one request per text, neither retried nor requeued
      expect(clientSleeps).toEqual([]);
      for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(DEFAULT_MAX_RETRY_AFTER_MS + 1000);
      for (const result of results!) {
        expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429 } });
        if (result.ok) continue;
        expect(result.error.message).toMatch(/Plivo asked to wait (60 min|more than 1,000 days) before retrying \(Retry-After\), longer than the 60 s Textbridge waits, so nothing was sent\./);
        expect(result.error.hint).toMatch(/^Nothing was sent\. Send again after/);
        expect(Number.isFinite(result.error.retryAfterMs)).toBe(true);
      }
    }
  });

  it('through the real client: an unreadable Retry-After is ignored (client backoff, limiter’s one-second pause), and the run ends', async () => {
    const clock = new RecordingClock();
    const clientSleeps: number[] = [];
    let calls = 0;
    const client = createPlivoClient({
      authId: 'MAXXXXXXXXXXXXXXXXXX',
      authToken: 'test-token-not-real-0123456789',
      baseUrl: 'https://api.plivo.test',
      retry: { sleep: async (ms) => void clientSleeps.push(ms), random: () => 0.5 },
      transport: async (): Promise<TransportResponse> => {
        calls++;
        return { status: 429, headers: { 'retry-after': 'NaN' }, body: '{}' };
      },
    });
    let results: BulkSendResult[] | undefined;
    void sendBulk(client, [{ src: '+14155550100', dst: '+14152000001', text: 'One' }], {
      rateLimiter: createRateLimiter({ clock }),
    }).then((r) => (results = r));
    await runClockUntil(clock, () => results !== undefined, 10 * 60_000);
    expect(results).toBeDefined();
    expect(results![0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // 1 + 5 requeues, each with the client's 1 + 3 attempts.
    expect(calls).toBe((1 + MAX_RATE_LIMIT_REQUEUES) * 4);
    for (const ms of [...clientSleeps, ...clock.sleeps]) expect(ms).toBeLessThanOrEqual(DEFAULT_MAX_RETRY_AFTER_MS + 1000);
  });

  it('honours maxRetryAfterMs: a wait within it is waited for, a longer one fails at once', async () => {
    for (const [retryAfterMs, maxRetryAfterMs, requests] of [
      [90_000, 120_000, 2],
      [90_000, 60_000, 1],
    ] as const) {
      const clock = new FakeClock();
      const client = new FakeClient((_request, call) =>
        call === 0 ? new TextbridgeError('RATE_LIMITED', 'Too many requests.', { status: 429, retryAfterMs }) : undefined,
      );
      let results: BulkSendResult[] | undefined;
      void sendBulk(client, [{ src: '+14155550100', dst: '+14152000001', text: 'One' }], {
        rateLimiter: createRateLimiter({ clock, maxPauseMs: maxRetryAfterMs }),
        maxRetryAfterMs,
      }).then((r) => (results = r));
      const took = await runClockUntil(clock, () => results !== undefined, 5 * 60_000);
      expect(client.requests).toHaveLength(requests);
      expect(results![0]!.ok).toBe(requests === 2);
      if (requests === 2) expect(took).toBeGreaterThanOrEqual(retryAfterMs);
      else expect(took).toBeLessThanOrEqual(1000);
    }
  });
});
