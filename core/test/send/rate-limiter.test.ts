import { describe, it, expect } from 'vitest';
import { TextbridgeError, createRateLimiter, DEFAULT_MAX_REQUESTS_PER_SECOND } from '../../src/index.js';
import { FakeClock, settle } from './bulk-fakes.js';

/** Starts `count` acquisitions and records the (fake) time at which each one is granted. */
function acquireMany(limiter: ReturnType<typeof createRateLimiter>, clock: FakeClock, count: number, signal?: AbortSignal) {
  const grantedAt: number[] = [];
  const promises = Array.from({ length: count }, () =>
    limiter.acquire(signal).then(() => {
      grantedAt.push(clock.now());
    }),
  );
  return { grantedAt, promises };
}

describe('token bucket rate limiter', () => {
  it('lets a burst through at once, then paces at the configured rate', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 10, burst: 3, clock });
    const { grantedAt } = acquireMany(limiter, clock, 8);
    await settle();
    expect(grantedAt).toEqual([0, 0, 0]);
    await clock.advance(99);
    expect(grantedAt).toHaveLength(3);
    await clock.advance(1);
    expect(grantedAt).toEqual([0, 0, 0, 100]);
    await clock.advance(400);
    expect(grantedAt).toEqual([0, 0, 0, 100, 200, 300, 400, 500]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('never exceeds 300 requests in any 5 s window with the defaults (Plivo’s limit)', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ clock });
    expect(DEFAULT_MAX_REQUESTS_PER_SECOND).toBe(50);
    const { grantedAt } = acquireMany(limiter, clock, 1000);
    for (let t = 0; t < 20_000; t += 100) await clock.advance(100);
    expect(grantedAt).toHaveLength(1000);
    for (let i = 0; i + 260 < grantedAt.length; i++) {
      // With a margin: the 261st request after any request comes at least 5 s later.
      expect(grantedAt[i + 260]! - grantedAt[i]!).toBeGreaterThanOrEqual(5000);
    }
  });

  it('grants in arrival order', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1, burst: 1, clock });
    const order: number[] = [];
    const all = [0, 1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
    await clock.advance(3000);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('after a 429 grants nothing until retryAfterMs has passed, then runs at half the rate', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 10, burst: 1, recoveryMs: 1e9, clock }); // recovery negligible here
    await limiter.acquire();
    limiter.penalize(2000);
    expect(limiter.currentRate()).toBe(5);
    const { grantedAt } = acquireMany(limiter, clock, 3);
    await clock.advance(2199);
    expect(grantedAt).toEqual([]);
    await clock.advance(1);
    expect(grantedAt).toEqual([2200]); // pause, then one token at 5/s
    await clock.advance(400);
    expect(grantedAt).toEqual([2200, 2400, 2600]);
  });

  it('recovers the rate gradually, and halves again on each further 429 down to the floor', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 40, recoveryMs: 10_000, clock });
    limiter.penalize(1000);
    expect(limiter.currentRate()).toBe(20);
    await clock.advance(1000 + 5000);
    expect(limiter.currentRate()).toBe(30);
    await clock.advance(5000);
    expect(limiter.currentRate()).toBe(40);
    await clock.advance(60_000);
    expect(limiter.currentRate()).toBe(40);
    for (let i = 0; i < 10; i++) limiter.penalize(0);
    expect(limiter.currentRate()).toBe(4); // default floor: a tenth of the configured rate
  });

  it('a 429 without retryAfterMs pauses for a second', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1000, burst: 5, clock });
    limiter.penalize();
    const { grantedAt } = acquireMany(limiter, clock, 1);
    await clock.advance(999);
    expect(grantedAt).toEqual([]);
    await clock.advance(10);
    expect(grantedAt).toHaveLength(1);
  });

  it('a 429 while requests are waiting postpones them', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1, burst: 1, clock });
    await limiter.acquire();
    const { grantedAt } = acquireMany(limiter, clock, 1);
    await clock.advance(500);
    limiter.penalize(3000); // the waiter was due at 1000
    await clock.advance(3000);
    expect(grantedAt).toEqual([]);
    await clock.advance(2000); // pause ends at 3500, then one token at 0.5/s
    expect(grantedAt).toEqual([5500]);
  });

  it('rejects with ABORTED when the signal aborts, without disturbing the others', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1, burst: 1, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const { grantedAt } = acquireMany(limiter, clock, 1);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    await clock.advance(1000);
    expect(grantedAt).toEqual([1000]);
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(TextbridgeError);
  });

  it('leaves no timer behind when every waiter aborted', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ maxRequestsPerSecond: 1, burst: 1, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal).catch(() => undefined);
    await settle();
    expect(clock.pendingSleeps).toBe(1);
    controller.abort();
    await waiting;
    await settle();
    expect(clock.pendingSleeps).toBe(0);
  });

  it.each([
    [{ maxRequestsPerSecond: 0 }, 'maxRequestsPerSecond'],
    [{ maxRequestsPerSecond: Number.NaN }, 'maxRequestsPerSecond'],
    [{ burst: -1 }, 'burst'],
    [{ recoveryMs: Number.POSITIVE_INFINITY }, 'recoveryMs'],
  ])('rejects %o', (options, field) => {
    expect(() => createRateLimiter(options)).toThrow(TextbridgeError);
    try {
      createRateLimiter(options);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
    }
  });
});
