// Fires signed inbound webhooks at a trigger, with bounded concurrency (a burst) or paced at a fixed rate whatever the
// answers (open loop, as Plivo sends), and measures how long each takes to be accepted (the trigger answers on
// receipt). Used by the reliability suite and bench/trigger-load.ts.
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

/** One request as sent. */
export interface SentWebhook {
  messageUuid: string;
  /** Epoch ms when it was sent (comparable with n8n's execution timestamps on the same machine). */
  sentAt: number;
  /** ms until the answer was complete. */
  acceptanceMs: number;
  /** HTTP status (0: no answer). */
  status: number;
  /** Why there was no answer (status 0). */
  error?: string;
}

export interface TriggerLoadResult {
  count: number;
  /** 0 when paced (open loop). */
  concurrency: number;
  /** HTTP status (0: no answer) -> requests. */
  statuses: Record<number, number>;
  /** The MessageUUID of each request, in order. */
  messageUuids: string[];
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  wallMs: number;
  perSecond: number;
  requests: SentWebhook[];
}

export interface PacedLoadOptions extends Omit<TriggerLoadOptions, 'concurrency'> {
  /** Requests per second, sent on schedule whether or not earlier ones were answered. */
  perSecond: number;
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function sendOne(options: Omit<TriggerLoadOptions, 'count' | 'concurrency'>, index: number, messageUuid: string): Promise<SentWebhook> {
  const params = inboundParams(options.from, options.to, `load test ${index}`, messageUuid);
  const request = signedInbound(options.url, options.authToken, params);
  const sentAt = Date.now();
  const started = performance.now();
  return fetch(request.url, { method: request.method, headers: request.headers, body: request.body }).then(
    async (response) => {
      await response.arrayBuffer();
      return { messageUuid, sentAt, acceptanceMs: performance.now() - started, status: response.status };
    },
    (error: unknown) => {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { messageUuid, sentAt, acceptanceMs: performance.now() - started, status: 0, error: cause?.code ?? cause?.message ?? String(error) };
    },
  );
}

function summarize(count: number, concurrency: number, requests: SentWebhook[], wallMs: number): TriggerLoadResult {
  const statuses: Record<number, number> = {};
  for (const { status } of requests) statuses[status] = (statuses[status] ?? 0) + 1;
  const sorted = requests.map((request) => request.acceptanceMs).sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count,
    concurrency,
    statuses,
    messageUuids: requests.map((request) => request.messageUuid),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? 0),
    },
    wallMs: Math.round(wallMs),
    perSecond: Math.round((count / wallMs) * 1000),
    requests,
  };
}

/** `count` requests, at most `concurrency` waiting for an answer at a time. */
export async function fireSignedWebhooks(options: TriggerLoadOptions): Promise<TriggerLoadResult> {
  const messageUuids = Array.from({ length: options.count }, () => randomUUID());
  const requests = new Array<SentWebhook>(options.count);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const index = next++;
      requests[index] = await sendOne(options, index, messageUuids[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  return summarize(options.count, options.concurrency, requests, performance.now() - started);
}

/** `count` requests, request i sent i / perSecond seconds after the first; resolves when all are answered. */
export async function firePacedWebhooks(options: PacedLoadOptions): Promise<TriggerLoadResult> {
  const started = performance.now();
  const pending: Promise<SentWebhook>[] = [];
  for (let index = 0; index < options.count; index++) {
    const due = started + (index * 1000) / options.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(sendOne(options, index, randomUUID()));
  }
  const requests = await Promise.all(pending);
  return summarize(options.count, 0, requests, performance.now() - started);
}
