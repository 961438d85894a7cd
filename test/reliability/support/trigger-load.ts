// Fires signed inbound webhooks at a trigger with bounded concurrency and measures how long each takes to be
// accepted (the trigger answers on receipt). Used by the reliability suite and bench/trigger-load.ts.
import { randomUUID } from 'node:crypto';
import { inboundParams, signedInbound } from './webhook-attacks.js';

export interface TriggerLoadOptions {
  url: string;
  authToken: string;
  from: string;
  to: string;
  count: number;
  concurrency: number;
}

export interface TriggerLoadResult {
  count: number;
  concurrency: number;
  /** HTTP status (0: no answer) -> requests. */
  statuses: Record<number, number>;
  /** The MessageUUID of each request, in order. */
  messageUuids: string[];
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  wallMs: number;
  perSecond: number;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function fireSignedWebhooks(options: TriggerLoadOptions): Promise<TriggerLoadResult> {
  const messageUuids = Array.from({ length: options.count }, () => randomUUID());
  const statuses: Record<number, number> = {};
  const latencies: number[] = new Array<number>(options.count);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const index = next++;
      const params = inboundParams(options.from, options.to, `load test ${index}`, messageUuids[index]);
      const request = signedInbound(options.url, options.authToken, params);
      const sentAt = performance.now();
      const status = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      latencies[index] = performance.now() - sentAt;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  const wallMs = performance.now() - started;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: options.count,
    concurrency: options.concurrency,
    statuses,
    messageUuids,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
    },
    wallMs: Math.round(wallMs),
    perSecond: Math.round((options.count / wallMs) * 1000),
  };
}
