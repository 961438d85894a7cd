// Node's own timers as a Clock: for programs that run on Node (the CLI, the sandbox, scripts), never for the n8n
// node bundles, whose community rules forbid timers (they inject n8n-workflow's sleep instead).
import type { Clock } from '../clock.js';
// Node's maximum timer delay: longer delays fire at once, so a longer wait is slept in steps.
import { MAX_TIMER_DELAY_MS } from '../plivo/retry-after.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      let remaining = Number.isFinite(ms) ? Math.max(0, ms) : MAX_TIMER_DELAY_MS;
      let timer: ReturnType<typeof setTimeout>;
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const arm = (): void => {
        const step = Math.min(remaining, MAX_TIMER_DELAY_MS);
        remaining -= step;
        timer = setTimeout(remaining > 0 ? arm : done, step);
      };
      arm();
      signal?.addEventListener('abort', done, { once: true });
    }),
};
