// Test doubles for the bulk sender and the rate limiter: a manual clock and a scriptable fake Plivo client.
import {
  TextbridgeError,
  type BulkSendClient,
  type CallOptions,
  type Clock,
  type SendMessageRequest,
  type SendMessageResult,
} from '../../src/index.js';

/** A clock that only moves when the test says so. */
export class FakeClock implements Clock {
  time = 0;
  #sleepers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = { at: this.time + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  /** Moves time forward, waking sleepers in time order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.#sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#sleepers = this.#sleepers.filter((s) => s !== next);
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
    this.time = target;
    await settle();
  }
}

/** Lets every pending promise continuation run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What Plivo would be asked, in the caller's terms: one destination as text, several as a list. */
export interface RecordedParams {
  src?: string;
  powerpackUuid?: string;
  dst: string | string[];
  text?: string;
  type?: 'sms' | 'mms';
  mediaUrls?: string[];
  url?: string;
  method?: 'GET' | 'POST';
  log?: boolean;
  trackable?: boolean;
  messageExpiry?: number;
}

export interface RecordedRequest {
  params: RecordedParams;
  request: SendMessageRequest;
  dsts: string[];
}

const SENT_FIELDS = ['src', 'powerpackUuid', 'text', 'type', 'mediaUrls', 'url', 'method', 'log', 'trackable', 'messageExpiry'] as const;

function recorded(request: SendMessageRequest): RecordedParams {
  const params: Record<string, unknown> = {};
  for (const field of SENT_FIELDS) if (request[field] !== undefined) params[field] = request[field];
  params.dst = request.dst.length === 1 ? request.dst[0] : [...request.dst];
  return params as unknown as RecordedParams;
}

/** What the fake answers for one request: a response, or an error to throw. */
export type FakeAnswer = Partial<SendMessageResult> | TextbridgeError | Error;

export type Responder = (
  request: RecordedRequest,
  call: number,
  options: CallOptions | undefined,
) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/**
 * A fake Plivo client that records requests. By default it accepts every destination and returns one UUID per
 * destination (`uuid-<call>-<position>`); a responder can override the answer per call.
 */
export class FakeClient implements BulkSendClient {
  readonly requests: RecordedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly responder: Responder = () => undefined) {}

  async sendMessage(params: SendMessageRequest, options?: CallOptions): Promise<SendMessageResult> {
    const dsts = [...params.dst];
    const request = { params: recorded(params), request: params, dsts };
    const call = this.requests.push(request) - 1;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      if (options?.signal?.aborted) throw new TextbridgeError('ABORTED', 'The request was cancelled.');
      const answer = await this.responder(request, call, options);
      if (answer instanceof Error) throw answer;
      return { ...acceptAll(dsts, call), ...answer };
    } finally {
      this.inFlight--;
    }
  }
}

export function acceptAll(dsts: string[], call: number, invalid: string[] = []): SendMessageResult {
  const valid = dsts.filter((dst) => !invalid.includes(dst));
  return {
    apiId: `api-${call}`,
    message: 'message(s) queued',
    messageUuids: valid.map((_, position) => `uuid-${call}-${position}`),
    invalidNumbers: invalid,
    raw: {},
  };
}
