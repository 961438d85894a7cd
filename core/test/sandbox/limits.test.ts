// Rate limits, latency and fault injection: what clients must survive, and whether a faulted send was recorded.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.js';
import { account, call, startTestSandbox } from './helpers.js';

const SRC = '+14155552671';

async function withSandbox(options: Parameters<typeof startTestSandbox>[0], run: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startTestSandbox(options);
  try {
    await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

describe('rate limiting', () => {
  it('allows 300 requests per 5 s per account by default, then answers 429 with Retry-After', async () => {
    await withSandbox({}, async (sandbox) => {
      const statuses = await Promise.all(Array.from({ length: 300 }, () => call(sandbox, 'GET', account(sandbox)).then((a) => a.status)));
      expect(statuses.every((status) => status === 200)).toBe(true);
      const limited = await call(sandbox, 'GET', account(sandbox));
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ api_id: expect.any(String), error: 'too many requests' });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(5);
      expect(sandbox.state.requestCounts.rateLimited).toBe(1);
      // A rejected send is not recorded.
      const send = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x' } });
      expect(send.status).toBe(429);
      expect(sandbox.state.messages).toHaveLength(0);
    });
  });

  it('slides: capacity comes back as old requests leave the window', async () => {
    await withSandbox({ rateLimit: { requests: 3, windowMs: 150 } }, async (sandbox) => {
      for (let i = 0; i < 3; i++) expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(200);
      expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 170));
      expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(200);
    });
  });

  it('limits List Messages separately (20 per minute by default)', async () => {
    await withSandbox({}, async (sandbox) => {
      for (let i = 0; i < 20; i++) expect((await call(sandbox, 'GET', account(sandbox, 'Message/'))).status).toBe(200);
      const limited = await call(sandbox, 'GET', account(sandbox, 'Message/'));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
      // Other endpoints, and sends on the same path, are unaffected.
      expect((await call(sandbox, 'GET', account(sandbox, 'Number/'))).status).toBe(200);
      expect((await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x' } })).status).toBe(202);
    });
  });

  it('can be turned off', async () => {
    await withSandbox({ rateLimit: false }, async (sandbox) => {
      const statuses = await Promise.all(Array.from({ length: 400 }, () => call(sandbox, 'GET', account(sandbox)).then((a) => a.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    });
  });
});

describe('latency and faults', () => {
  it('adds latencyMs to every API answer', async () => {
    await withSandbox({ latencyMs: 80 }, async (sandbox) => {
      const started = performance.now();
      expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    });
  });

  it('injects 503 BEFORE handling: the send is not recorded', async () => {
    await withSandbox({ faults: { error503: 1 } }, async (sandbox) => {
      const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x' } });
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ api_id: expect.any(String), error: 'service unavailable' });
      expect(sandbox.state.messages).toHaveLength(0);
      expect(sandbox.state.faultCounts).toEqual({ error503: 1, error500: 0, reset: 0, slow: 0 });
    });
  });

  it('injects 500 AFTER handling: the client sees an error but the send was recorded', async () => {
    await withSandbox({ faults: { error500: 1 } }, async (sandbox) => {
      const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x' } });
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ api_id: expect.any(String), error: 'internal server error' });
      expect(sandbox.state.messages).toHaveLength(1);
      expect(sandbox.state.faultCounts.error500).toBe(1);
    });
  });

  it('injects connection resets AFTER handling: no answer, but the send was recorded', async () => {
    await withSandbox({ faults: { reset: 1 } }, async (sandbox) => {
      await expect(call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'x' } })).rejects.toThrow();
      expect(sandbox.state.messages).toHaveLength(1);
      expect(sandbox.state.faultCounts.reset).toBe(1);
    });
  });

  it('holds answers back for slow faults', async () => {
    await withSandbox({ faults: { slow: { probability: 1, ms: 120 } } }, async (sandbox) => {
      const started = performance.now();
      expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
      expect(sandbox.state.faultCounts.slow).toBe(1);
    });
  });

  it('never faults the page or the sandbox endpoints', async () => {
    await withSandbox({ faults: { error503: 1 } }, async (sandbox) => {
      expect((await fetch(`${sandbox.url}/`)).status).toBe(200);
      expect((await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).status).toBe(200);
    });
  });

  it('replays the same fault sequence for the same seed', async () => {
    const sequence = async (seed: number): Promise<number[]> => {
      const statuses: number[] = [];
      await withSandbox({ seed, faults: { error500: 0.3, error503: 0.3 } }, async (sandbox) => {
        for (let i = 0; i < 30; i++) statuses.push((await call(sandbox, 'GET', account(sandbox))).status);
      });
      return statuses;
    };
    const first = await sequence(42);
    expect(await sequence(42)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
    expect(await sequence(7)).not.toEqual(first);
  });

  it('lets a test tell "none lost, no duplicates" apart under mixed faults', async () => {
    await withSandbox({ rateLimit: false, seed: 3, faults: { error503: 0.2, error500: 0.2, reset: 0.1 } }, async (sandbox) => {
      const outcomes = new Map<string, string>();
      for (let i = 0; i < 60; i++) {
        const dst = `+1415555${String(3000 + i)}`;
        // A careful client retries only what provably was not processed (503), never a 500 or a reset.
        for (;;) {
          const outcome = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst, text: `m${i}` } }).then(
            (answer) => String(answer.status),
            () => 'reset',
          );
          if (outcome === '503') continue;
          outcomes.set(dst.slice(1), outcome);
          break;
        }
      }
      const recorded = sandbox.state.messages.map((message) => message.dst);
      expect(new Set(recorded).size).toBe(recorded.length); // no duplicates
      expect(recorded.sort()).toEqual([...outcomes.keys()].sort()); // none lost: 202, 500 and reset were all accepted
      const counts = sandbox.state.faultCounts;
      expect(counts.error503).toBeGreaterThan(0);
      expect(counts.error500).toBe([...outcomes.values()].filter((o) => o === '500').length);
      expect(counts.reset).toBe([...outcomes.values()].filter((o) => o === 'reset').length);
      expect(counts.reset).toBeGreaterThan(0);
    });
  });
});
