// Node's own timers as a Clock: for programs that run on Node (the CLI, the sandbox, scripts), never for the n8n
// node bundles, whose community rules forbid timers (they inject n8n-workflow's sleep instead).
import type { Clock } from '../clock.js';

/** Node's maximum timer delay: longer delays fire at once, so a longer wait is slept in steps. */
const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      let remaining = Number.isFinite(ms) ? Math.max(0, ms) : MAX_TIMER_MS;
      let timer: ReturnType<typeof setTimeout>;
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const arm = (): void => {
        const step = Math.min(remaining, MAX_TIMER_MS);
        remaining -= step;
        timer = setTimeout(remaining > 0 ? arm : done, step);
      };
      arm();
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** Waits `ms`, rejecting (with the signal's reason) as soon as the signal aborts. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw signal.reason;
  await systemClock.sleep(ms, signal);
  if (signal?.aborted) throw signal.reason;
}
