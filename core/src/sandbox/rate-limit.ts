// Server-side sliding-window limiter: at most `requests` accepted within any `windowMs`, like Plivo's per-account
// API limit. Keeps the times of the last `requests` accepted calls in a ring buffer.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class SlidingWindowLimiter {
  private readonly times: number[];
  private next = 0;
  private filled = 0;

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
  ) {
    this.times = new Array<number>(requests).fill(0);
  }

  take(now: number = Date.now()): RateDecision {
    if (this.filled === this.requests) {
      const oldest = this.times[this.next] ?? 0;
      const freeAt = oldest + this.windowMs;
      if (freeAt > now) return { allowed: false, retryAfterMs: freeAt - now };
    } else {
      this.filled++;
    }
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.requests;
    return { allowed: true };
  }

  reset(): void {
    this.next = 0;
    this.filled = 0;
  }
}
