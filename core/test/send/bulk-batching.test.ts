// Bulk batching at any size and in any order: identical messages (same sender, text and options) share requests of up
// to batchSize numbers; sendBulk given an array reaches the fewest requests whatever the order, and a stream does so
// for every group its look-ahead window spans, with memory bounded by that window.
import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSendFailure,
  TextbridgeError,
  createPlivoClient,
  createRateLimiter,
  sendBulk,
  sendBulkStream,
  type BulkSendResult,
  type SendRequest,
  type TransportResponse,
} from '../../src/index.js';
import { FakeClient, settle } from './bulk-fakes.js';

const unlimited = () => createRateLimiter({ maxRequestsPerSecond: 1_000_000 });
const SENDER = '+14155550100';
/** A distinct valid US number per `n` (415-2xx-xxxx). */
const numberFor = (n: number) => `+1415${2_000_000 + n}`;
const textFor = (key: number) => `Sale ${key}: 20% off today`;

/** Input i of the sequence goes to its own number with the text of its key. */
function messagesFor(keys: readonly number[]): SendRequest[] {
  return keys.map((key, i) => ({ src: SENDER, dst: numberFor(i), text: textFor(key) }));
}

/** The fewest requests possible: per text, ceil(inputs / batchSize) (every number is distinct). */
function optimum(keys: readonly number[], batchSize: number): number {
  const counts = new Map<number, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.values()].reduce((sum, count) => sum + Math.ceil(count / batchSize), 0);
}

function expectOneOkResultPerInput(results: BulkSendResult[], count: number): void {
  expect(results).toHaveLength(count);
  results.forEach((result, i) => {
    expect(result.index).toBe(i);
    expect(result.ok).toBe(true);
  });
}

function expectValidRequests(client: FakeClient, batchSize: number): void {
  for (const request of client.requests) {
    expect(request.dsts.length).toBeLessThanOrEqual(batchSize);
    expect(new Set(request.dsts).size).toBe(request.dsts.length);
  }
}

/** Which text each input has, in any order: up to `groups` texts, up to `maxLength` inputs. */
const keySequence = (groups: number, maxLength: number) => fc.array(fc.nat(groups - 1), { maxLength });

describe('bulk batching: sizes past the look-ahead window', () => {
  it('100,000 identical texts make exactly 100 requests of 1,000 (sendBulk, array)', async () => {
    const client = new FakeClient();
    const results = await sendBulk(client, messagesFor(new Array<number>(100_000).fill(0)), { rateLimiter: unlimited() });
    expectOneOkResultPerInput(results, 100_000);
    expect(client.requests).toHaveLength(100);
    for (const request of client.requests) expect(request.dsts).toHaveLength(1000);
  }, 120_000);

  it('100,000 personalised texts (sendBulk, array, through the client): one result per input, in input order, each its own', async () => {
    const total = 100_000;
    const badAt = (i: number) => i % 25_000 === 24_999;
    // A CRM export: a different text per recipient, some in UCS-2, a few rows with a broken number.
    const messages: SendRequest[] = Array.from({ length: total }, (_, i) => ({
      src: SENDER,
      dst: badAt(i) ? `n/a ${i}` : numberFor(i),
      text: `Hi customer ${i}, your order ${i * 7} ships today${i % 10 === 3 ? ' 🚚' : '.'}`,
    }));
    /** Text and whether it came alone, by number as the client sends it (Plivo's digits, no +). */
    const sent = new Map<string, { text: string; alone: boolean }>();
    const client = createPlivoClient({
      authId: 'MAXXXXXXXXXXXXXXXXXX',
      authToken: 'test-token-not-real-0123456789',
      baseUrl: 'https://api.plivo.test',
      transport: async (request): Promise<TransportResponse> => {
        const body = JSON.parse(request.body as string) as { dst: string; text: string };
        sent.set(body.dst, { text: body.text, alone: !body.dst.includes('<') });
        return { status: 202, headers: {}, body: JSON.stringify({ api_id: 'api', message: 'queued', message_uuid: [`uuid-${body.dst}`] }) };
      },
    });
    const results = await sendBulk(client, messages, { rateLimiter: unlimited() });
    expect(results).toHaveLength(total);
    expect(sent.size).toBe(total - 4);
    // Checked in plain code (600,000 expect calls would take minutes), then compared once.
    const segmenter = new Intl.Segmenter();
    const wrong: string[] = [];
    results.forEach((result, i) => {
      const message = messages[i]!;
      const dst = String(message.dst);
      const expected = badAt(i)
        ? { index: i, ok: false, dst, code: 'INVALID_PHONE_NUMBER' }
        : {
            index: i,
            ok: true,
            dst,
            uuid: `uuid-${dst.slice(1)}`,
            sent: { text: message.text, alone: true },
            encoding: i % 10 === 3 ? 'UCS-2' : 'GSM-7',
            characterCount: [...segmenter.segment(message.text!)].length,
          };
      const actual = result.ok
        ? {
            index: result.index,
            ok: true,
            dst: result.dst,
            uuid: result.messageUuids.join(),
            sent: sent.get(result.dst.slice(1)),
            encoding: result.encoding,
            characterCount: result.characterCount,
          }
        : { index: result.index, ok: false, dst: result.dst, code: isSendFailure(result) ? result.error.code : 'NOT_A_FAILURE' };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push(`${i}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  }, 300_000);

  it('100,000 identical texts streamed from a generator make 100 requests, reading at most lookAhead ahead', async () => {
    const total = 100_000;
    const lookAhead = 5000;
    let pulled = 0;
    let consumed = 0;
    let widest = 0;
    async function* source() {
      for (let i = 0; i < total; i++) {
        pulled++;
        widest = Math.max(widest, pulled - consumed);
        yield { src: SENDER, dst: numberFor(i), text: textFor(0) };
      }
    }
    const client = new FakeClient();
    for await (const result of sendBulkStream(client, source(), { rateLimiter: unlimited(), lookAhead })) {
      if (result.index !== consumed || !result.ok) throw new Error(`unexpected result ${JSON.stringify(result)}`);
      consumed++;
    }
    expect(consumed).toBe(total);
    expect(widest).toBeLessThanOrEqual(lookAhead + 1);
    expect(client.requests).toHaveLength(100);
  }, 120_000);

  it('a personalised array is sent while it is read: inputs parsed ahead of the requests stay within the queue bound', async () => {
    const total = 3_000;
    const concurrency = 4;
    let parsed = 0;
    // Counts the inputs the sender has read (parsing reads dst once); the text is read earlier, to find shared ones.
    const messages = Array.from({ length: total }, (_, i) =>
      Object.defineProperty({ src: SENDER, text: `Hi ${i}, your code is ${1000 + i}` }, 'dst', {
        enumerable: true,
        get: () => (parsed++, numberFor(i)),
      }),
    ) as SendRequest[];
    let widest = 0;
    const client = new FakeClient((_request, call) => {
      widest = Math.max(widest, parsed - call);
      return settle().then(() => undefined);
    });
    const results = await sendBulk(client, messages, { rateLimiter: unlimited(), concurrency });
    expectOneOkResultPerInput(results, total);
    expect(client.requests).toHaveLength(total);
    // Before, every input waited parsed until the array's end (widest = 3,000): now the queue (2 per slot) and the
    // slots in flight hold them.
    expect(widest).toBeLessThanOrEqual(3 * concurrency + 2);
  });

  it('inputs that smart encoding makes identical still share a request in an array', async () => {
    const messages: SendRequest[] = [
      { src: SENDER, dst: numberFor(0), text: 'It\u2019s on: 20% off' },
      { src: SENDER, dst: numberFor(1), text: 'Other text' },
      { src: SENDER, dst: numberFor(2), text: "It's on: 20% off" },
    ];
    const smart = new FakeClient();
    expectOneOkResultPerInput(await sendBulk(smart, messages, { rateLimiter: unlimited(), smartEncoding: true }), 3);
    expect(smart.requests.map((r) => r.dsts)).toEqual([[numberFor(0), numberFor(2)], [numberFor(1)]]);
    const plain = new FakeClient();
    expectOneOkResultPerInput(await sendBulk(plain, messages, { rateLimiter: unlimited() }), 3);
    expect(plain.requests.map((r) => r.dsts).sort()).toEqual([[numberFor(0)], [numberFor(1)], [numberFor(2)]]);
  });

  it('30,000 inputs of 7 texts in a random order make the fewest requests, as an array and as a stream', async () => {
    const keys = fc.sample(fc.array(fc.nat(6), { minLength: 30_000, maxLength: 30_000 }), { numRuns: 1, seed: 13 })[0]!;
    const arrayClient = new FakeClient();
    expectOneOkResultPerInput(await sendBulk(arrayClient, messagesFor(keys), { rateLimiter: unlimited() }), keys.length);
    expect(arrayClient.requests).toHaveLength(optimum(keys, 1000));

    // 7 texts × 1,000 numbers fit in the default window (20,000): the stream needs no more requests either.
    async function* source() {
      yield* messagesFor(keys);
    }
    const streamClient = new FakeClient();
    const streamed: BulkSendResult[] = [];
    for await (const result of sendBulkStream(streamClient, source(), { rateLimiter: unlimited() })) streamed.push(result);
    expectOneOkResultPerInput(streamed, keys.length);
    expect(streamClient.requests).toHaveLength(optimum(keys, 1000));
  }, 120_000);
});

describe('bulk batching: any order (property)', () => {
  it('sendBulk given an array makes exactly the fewest requests, one text per request, one result per input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }).chain((groups) => keySequence(groups, 300)),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        async (keys, batchSize, concurrency) => {
          const client = new FakeClient(async (_request, call) => {
            if (call % 3 === 0) await settle(); // requests finish out of order
            return undefined;
          });
          const results = await sendBulk(client, messagesFor(keys), { rateLimiter: unlimited(), batchSize, concurrency });
          expectOneOkResultPerInput(results, keys.length);
          expectValidRequests(client, batchSize);
          expect(client.requests).toHaveLength(optimum(keys, batchSize));
          for (const request of client.requests) {
            // Every destination of a request got that request's text.
            const texts = new Set(request.dsts.map((dst) => keys[Number(dst.slice(5)) - 2_000_000]));
            expect(texts.size).toBe(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a stream sends a request before it is full only when the next input of its text lies beyond half the window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((groups) => keySequence(groups, 300)),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        async (keys, batchSize, lookAhead, concurrency) => {
          let pulled = 0;
          let consumed = 0;
          let widest = 0;
          async function* source() {
            for (const message of messagesFor(keys)) {
              pulled++;
              widest = Math.max(widest, pulled - consumed);
              yield message;
            }
          }
          const client = new FakeClient(async (_request, call) => {
            if (call % 2 === 0) await settle();
            return undefined;
          });
          const results: BulkSendResult[] = [];
          for await (const result of sendBulkStream(client, source(), { rateLimiter: unlimited(), batchSize, lookAhead, concurrency })) {
            results.push(result);
            consumed++;
          }
          expectOneOkResultPerInput(results, keys.length);
          expectValidRequests(client, batchSize);
          expect(widest).toBeLessThanOrEqual(lookAhead + 1);
          const inputOf = (dst: string) => Number(dst.slice(5)) - 2_000_000;
          for (const request of client.requests) {
            if (request.dsts.length === batchSize) continue;
            const first = inputOf(request.dsts[0]!);
            const last = inputOf(request.dsts.at(-1)!);
            const next = keys.indexOf(keys[first]!, last + 1);
            // A partly filled request left early only if its text's next input was not in reach of the window.
            if (next !== -1) expect(next - first).toBeGreaterThan(Math.floor(lookAhead / 2));
          }
          // A window spanning the whole input merges like an array does.
          if (lookAhead >= keys.length) expect(client.requests).toHaveLength(optimum(keys, batchSize));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('repeated numbers never share a request, and still get one result each', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ number: fc.nat(5), key: fc.nat(2) }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (inputs, batchSize, stream) => {
          const messages = inputs.map(({ number, key }) => ({ src: SENDER, dst: numberFor(number), text: textFor(key) }));
          const client = new FakeClient();
          const source = stream
            ? (async function* () {
                yield* messages;
              })()
            : messages;
          const results = await sendBulk(client, source, { rateLimiter: unlimited(), batchSize, lookAhead: stream ? 7 : undefined });
          expectOneOkResultPerInput(results, messages.length);
          expectValidRequests(client, batchSize);
          const sent = client.requests.flatMap((request) => request.dsts.map((dst) => `${request.params.text}|${dst}`)).sort();
          expect(sent).toEqual(messages.map((m) => `${m.text}|${m.dst}`).sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bulk sending: the caller’s abort signal', () => {
  it('gets one listener at the default concurrency, however many requests are in flight (no MaxListeners warning)', async () => {
    const controller = new AbortController();
    let inFlight = 0;
    let peakInFlight = 0;
    let peakListeners = 0;
    const release: (() => void)[] = [];
    const client = createPlivoClient({
      authId: 'MAXXXXXXXXXXXXXXXXXX',
      authToken: 'test-token-not-real-0123456789',
      baseUrl: 'https://api.plivo.test',
      transport: async (request): Promise<TransportResponse> => {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        peakListeners = Math.max(peakListeners, getEventListeners(controller.signal, 'abort').length);
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight--;
        const count = String(JSON.parse(request.body as string).dst).split('<').length;
        return {
          status: 202,
          headers: {},
          body: JSON.stringify({ api_id: 'api', message: 'queued', message_uuid: Array.from({ length: count }, (_, i) => `u-${i}`) }),
        };
      },
    });
    const messages = Array.from({ length: 40 }, (_, i) => ({ src: SENDER, dst: numberFor(i), text: `Text ${i}` }));
    const done = sendBulk(client, messages, { rateLimiter: unlimited(), signal: controller.signal });
    while (release.length < 10) await settle();
    peakListeners = Math.max(peakListeners, getEventListeners(controller.signal, 'abort').length);
    while (release.length > 0) {
      release.shift()!();
      await settle();
    }
    const results = await done;
    expect(results.every((result) => result.ok)).toBe(true);
    expect(peakInFlight).toBe(10);
    expect(peakListeners).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('still cancels every request in flight when the caller aborts', async () => {
    const controller = new AbortController();
    const client = new FakeClient(async (_request, _call, options) => {
      await new Promise<void>((resolve) => options?.signal?.addEventListener('abort', () => resolve(), { once: true }));
      return new TextbridgeError('ABORTED', 'Send message was cancelled after the request was sent.', { details: { requestSent: 'unknown' } });
    });
    const messages = Array.from({ length: 30 }, (_, i) => ({ src: SENDER, dst: numberFor(i), text: `Text ${i}` }));
    const done = sendBulk(client, messages, { rateLimiter: unlimited(), signal: controller.signal });
    while (client.inFlight < 10) await settle();
    controller.abort();
    const results = await done;
    expect(results).toHaveLength(30);
    // The 10 in flight may have gone out (FakeClient answers ABORTED after the signal), the other 20 never left.
    expect(results.filter((r) => isSendFailure(r) && r.error.code === 'ABORTED')).toHaveLength(20);
    expect(results.filter((r) => isSendFailure(r) && r.error.code === 'DELIVERY_UNKNOWN')).toHaveLength(10);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
