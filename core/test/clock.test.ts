// Core starts no timers: every wait goes through a Clock the host injects. The subpath factories (what the n8n
// bundles use) refuse to run without one; the package root brings Node's.
import { describe, expect, it } from 'vitest';
import { clockFromSleep, type TextbridgeError } from '../src/index.js';
import { createPlivoClient as createInjectedClient } from '../src/plivo/index.js';
import { createRateLimiter as createInjectedLimiter, sendBulk as injectedSendBulk } from '../src/send/index.js';
import { systemClock } from '../src/node/index.js';

function thrown(run: () => unknown): TextbridgeError {
  try {
    run();
  } catch (error) {
    return error as TextbridgeError;
  }
  throw new Error('expected a throw');
}

describe('clockFromSleep (a host sleep that cannot be cancelled, like n8n-workflow’s)', () => {
  it('waits with the host’s sleep and reports the host’s time', async () => {
    const slept: number[] = [];
    const clock = clockFromSleep(async (ms) => void slept.push(ms), () => 42);
    await clock.sleep(1500);
    expect(slept).toEqual([1500]);
    expect(clock.now()).toBe(42);
  });

  it('resolves at once when the signal aborts, though the host’s timer runs on', async () => {
    let release!: () => void;
    const clock = clockFromSleep(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const waiting = clock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    release();
    const aborted = new AbortController();
    aborted.abort();
    await expect(clock.sleep(60_000, aborted.signal)).resolves.toBeUndefined();
  });

  it('passes a failing host sleep on', async () => {
    const clock = clockFromSleep(async () => {
      throw new Error('host sleep failed');
    });
    await expect(clock.sleep(1, new AbortController().signal)).rejects.toThrow('host sleep failed');
  });
});

describe('injected factories need a clock and a transport', () => {
  const credentials = { authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 'token-token-token' };

  it.each(['transport', 'clock'] as const)('the subpath client names a missing %s', (field) => {
    const options = { ...credentials, transport: async () => ({ status: 200, headers: {}, body: '{}' }), clock: systemClock };
    delete (options as Record<string, unknown>)[field];
    const error = thrown(() => createInjectedClient(options as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
  });

  it('the subpath rate limiter names a missing clock', () => {
    const error = thrown(() => createInjectedLimiter({} as never));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'clock' });
  });

  it('the subpath bulk sender paces with the client’s clock, and says so when there is none', async () => {
    const client = { sendMessage: async () => ({ apiId: 'a', message: 'queued', messageUuid: ['u'] }) };
    await expect(injectedSendBulk(client as never, [{ src: '+14155552671', dst: '+14155550123', text: 'hi' }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'options.clock',
    });
    const results = await injectedSendBulk({ ...client, clock: systemClock } as never, [
      { src: '+14155552671', dst: '+14155550123', text: 'hi' },
    ]);
    expect(results).toHaveLength(1);
  });
});

describe('systemClock', () => {
  it('ends an aborted wait of any length, Infinity included', async () => {
    for (const ms of [60_000, 2 ** 31 + 5, Number.POSITIVE_INFINITY]) {
      const controller = new AbortController();
      const waiting = systemClock.sleep(ms, controller.signal);
      controller.abort();
      await expect(waiting).resolves.toBeUndefined();
    }
  });
});
