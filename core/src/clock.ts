// Time, as core sees it. Core never starts a timer itself: n8n's community-package rules forbid timers in node code,
// so every host injects its clock (n8n builds one on n8n-workflow's `sleep`; Node programs use `systemClock` from
// `@textbridge/core/node`). Tests inject a manual clock.
import { TextbridgeError } from './errors/index.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts; callers check `signal.aborted` after. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A Clock from a host's plain `sleep(ms)` that cannot be cancelled (n8n-workflow's): an abort resolves the wait at
 * once; the host's timer then runs out on its own and nothing waits for it.
 */
export function clockFromSleep(sleep: (ms: number) => Promise<unknown>, now: () => number = Date.now): Clock {
  return {
    now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.resolve();
      if (!signal) return sleep(ms).then(() => undefined);
      return new Promise<void>((resolve, reject) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        signal.addEventListener('abort', done, { once: true });
        sleep(ms).then(done, (error: unknown) => {
          signal.removeEventListener('abort', done);
          reject(error);
        });
      });
    },
  };
}

/** Checks that a value given as a clock has `now()` and `sleep()`, naming the option that carried it. */
export function isClock(value: unknown): value is Clock {
  const candidate = value as Partial<Clock> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.now === 'function' && typeof candidate.sleep === 'function';
}

export function missingClockError(where: string, field = 'clock'): TextbridgeError {
  return new TextbridgeError('INVALID_INPUT', `${where}: ${field} must be a clock with now() and sleep(ms, signal).`, {
    field,
    hint: 'Hosts pass their own clock; Node programs can use systemClock from @textbridge/core/node.',
  });
}
