import { describe, it, expect } from 'vitest';
import {
  TextbridgeError,
  createRateLimiter,
  sendBulk,
  sendBulkStream,
  type BulkSendResult,
  type BulkSendSuccess,
  type RateLimiter,
  type SendRequest,
} from '../../src/index.js';
import { FakeClient, FakeClock, settle } from './bulk-fakes.js';

/** No pacing: these tests are about grouping, order and errors, not about time. */
const unlimited = () => createRateLimiter({ maxRequestsPerSecond: 1_000_000 });
const fast = { rateLimiter: unlimited() };

const sms = (dst: string, text = 'Hello from Textbridge', src = '+14155550100'): SendRequest => ({ src, dst, text });

function successes(results: BulkSendResult[]): BulkSendSuccess[] {
  return results.filter((r): r is BulkSendSuccess => r.ok);
}

function errorOf(result: BulkSendResult | undefined): TextbridgeError {
  if (!result || result.ok) throw new Error(`expected a failed result, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('sendBulk: grouping and order', () => {
  it('sends identical messages as one Plivo bulk request and maps each UUID back to its input', async () => {
    const client = new FakeClient();
    const results = await sendBulk(
      client,
      [sms('+14155550101'), sms('(415) 555-0102'), sms('14155550103')],
      { ...fast, defaultCountry: 'US' },
    );
    expect(client.requests).toHaveLength(1);
    expect(client.requests[0]!.params).toEqual({
      src: '+14155550100',
      dst: ['+14155550101', '+14155550102', '+14155550103'],
      text: 'Hello from Textbridge',
    });
    expect(results).toEqual([
      { ok: true, index: 0, dst: '+14155550101', src: '+14155550100', messageUuids: ['uuid-0-0'], apiId: 'api-0', encoding: 'GSM-7', segmentCount: 1, unitCount: 21, characterCount: 21, smartEncodingApplied: false },
      { ok: true, index: 1, dst: '+14155550102', src: '+14155550100', messageUuids: ['uuid-0-1'], apiId: 'api-0', encoding: 'GSM-7', segmentCount: 1, unitCount: 21, characterCount: 21, smartEncodingApplied: false },
      { ok: true, index: 2, dst: '+14155550103', src: '+14155550100', messageUuids: ['uuid-0-2'], apiId: 'api-0', encoding: 'GSM-7', segmentCount: 1, unitCount: 21, characterCount: 21, smartEncodingApplied: false },
    ]);
  });

  it('sends a single destination as a plain dst, not a list', async () => {
    const client = new FakeClient();
    await sendBulk(client, [sms('+14155550101')], fast);
    expect(client.requests[0]!.params.dst).toBe('+14155550101');
  });

  it('keeps messages with a different sender, text or option in different requests, and results in input order', async () => {
    const client = new FakeClient();
    const messages: SendRequest[] = [
      sms('+14155550101', 'A'),
      sms('+14155550102', 'B'),
      sms('+14155550103', 'A', 'MyShop'),
      { ...sms('+14155550104', 'A'), url: 'https://example.com/status' },
      sms('+14155550105', 'A'),
      { powerpackUuid: 'pp-1', dst: '+14155550106', text: 'A' },
      { ...sms('+14155550107', 'A'), messageExpiry: 600, log: false, trackable: true, method: 'GET', url: 'https://example.com/s' },
    ];
    const results = await sendBulk(client, messages, fast);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results.every((r) => r.ok)).toBe(true);
    const byDst = client.requests.map((r) => r.dsts);
    expect(byDst).toContainEqual(['+14155550101', '+14155550105']);
    expect(client.requests).toHaveLength(6);
    expect(client.requests.find((r) => r.params.powerpackUuid)!.params).toEqual({ powerpackUuid: 'pp-1', dst: '+14155550106', text: 'A' });
    expect(client.requests.find((r) => r.params.messageExpiry)!.params).toEqual({
      src: '+14155550100',
      dst: '+14155550107',
      text: 'A',
      url: 'https://example.com/s',
      method: 'GET',
      log: false,
      trackable: true,
      messageExpiry: 600,
    });
    expect(results[5]).toMatchObject({ ok: true, powerpackUuid: 'pp-1' });
    expect(results[5]).not.toHaveProperty('src');
    expect(results[2]).toMatchObject({ ok: true, src: 'MyShop' });
  });

  it('splits a group at batchSize unique destinations (Plivo: at most 1,000)', async () => {
    const client = new FakeClient();
    const messages = Array.from({ length: 2500 }, (_, i) => sms(`+1415555${String(i).padStart(4, '0')}`));
    const results = await sendBulk(client, messages, fast);
    expect(client.requests.map((r) => r.dsts.length)).toEqual([1000, 1000, 500]);
    expect(successes(results)).toHaveLength(2500);
    expect(results[1999]).toMatchObject({ index: 1999, dst: '+14155551999', messageUuids: ['uuid-1-999'] });

    const small = new FakeClient();
    await sendBulk(small, messages.slice(0, 10), { ...fast, batchSize: 4 });
    expect(small.requests.map((r) => r.dsts.length)).toEqual([4, 4, 2]);
  });

  it('never puts one destination twice in a request: duplicates go to further requests and each gets its UUID', async () => {
    const client = new FakeClient();
    const messages = [sms('+14155550101'), sms('+14155550102'), sms('14155550101'), sms('+1 415 555 0101'), sms('+14155550102')];
    const results = await sendBulk(client, messages, fast);
    for (const request of client.requests) expect(new Set(request.dsts).size).toBe(request.dsts.length);
    expect(client.requests.map((r) => r.dsts)).toEqual([
      ['+14155550101', '+14155550102'],
      ['+14155550101', '+14155550102'],
      ['+14155550101'],
    ]);
    const uuids = successes(results).map((r) => r.messageUuids[0]);
    expect(new Set(uuids).size).toBe(5);
    expect(results.map((r) => r.dst)).toEqual(['+14155550101', '+14155550102', '+14155550101', '+14155550101', '+14155550102']);
  });

  it('sends the smart-encoded text when smartEncoding is on, and reports the encoding used', async () => {
    const client = new FakeClient();
    const results = await sendBulk(client, [sms('+14155550101', '\u201cHi\u201d \u2014 see you'), sms('+14155550102', 'Hello \u{1F600}')], {
      ...fast,
      smartEncoding: true,
    });
    const texts = client.requests.map((r) => r.params.text);
    expect(texts).toContain('"Hi" - see you');
    expect(results[0]).toMatchObject({ ok: true, encoding: 'GSM-7', segmentCount: 1 });
    expect(results[1]).toMatchObject({ ok: true, encoding: 'UCS-2' });
  });

  it('sends MMS with media, without text limits', async () => {
    const client = new FakeClient();
    const results = await sendBulk(
      client,
      [{ src: '+14155550100', dst: '+14155550101', type: 'mms', mediaUrls: ['https://example.com/a.png'] }],
      fast,
    );
    expect(client.requests[0]!.params).toEqual({
      src: '+14155550100',
      dst: '+14155550101',
      type: 'mms',
      mediaUrls: ['https://example.com/a.png'],
    });
    expect(results[0]).toMatchObject({ ok: true, encoding: undefined, segmentCount: 0 });
  });

  it('treats media without a type as an MMS (as the client does), whose text is not held to SMS limits', async () => {
    const client = new FakeClient();
    const long = 'x'.repeat(2000);
    const results = await sendBulk(
      client,
      [{ src: '+14155550100', dst: '+14155550101', text: long, mediaUrls: ['https://example.com/a.png'] }],
      fast,
    );
    expect(results[0]).toMatchObject({ ok: true, encoding: 'GSM-7' });
    expect(client.requests[0]!.params).toMatchObject({ text: long, mediaUrls: ['https://example.com/a.png'] });
  });
});

describe('sendBulk: Plivo answers', () => {
  it('maps invalid_number (echoed without +) to the right inputs and the UUIDs to the others, in order', async () => {
    const client = new FakeClient(() => ({
      messageUuids: ['uuid-a', 'uuid-b'],
      invalidNumbers: ['14155550102', '447700900123'],
    }));
    const messages = [sms('+14155550101'), sms('+14155550102'), sms('+447700900123'), sms('+14155550104')];
    const results = await sendBulk(client, messages, fast);
    expect(results[0]).toMatchObject({ ok: true, messageUuids: ['uuid-a'] });
    expect(results[3]).toMatchObject({ ok: true, messageUuids: ['uuid-b'] });
    for (const index of [1, 2]) {
      const error = errorOf(results[index]);
      expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: `messages[${index}].dst`, apiId: 'api-0' });
      expect(error.message).toMatch(/rejected by Plivo as an invalid number/);
    }
  });

  it('gives DELIVERY_UNKNOWN, not a guess, when the UUID count does not match the accepted numbers', async () => {
    const client = new FakeClient(() => ({ messageUuids: ['only-one'] }));
    const results = await sendBulk(client, [sms('+14155550101'), sms('+14155550102')], fast);
    for (const result of results) {
      const error = errorOf(result);
      expect(error.code).toBe('DELIVERY_UNKNOWN');
      expect(error.details).toEqual({ messageUuids: ['only-one'] });
    }
  });

  it('gives every input of a failed request that error, and the other requests still go out', async () => {
    const geo = new TextbridgeError('GEO_PERMISSION', 'Sending to United Kingdom is not enabled.', { status: 403 });
    const client = new FakeClient((request) => (request.params.text === 'UK' ? geo : undefined));
    const results = await sendBulk(
      client,
      [sms('+447700900123', 'UK'), sms('+14155550101', 'US'), sms('+447700900124', 'UK')],
      fast,
    );
    expect(errorOf(results[0])).toBe(geo);
    expect(errorOf(results[2])).toBe(geo);
    expect(results[1]).toMatchObject({ ok: true });
  });

  it('passes DELIVERY_UNKNOWN through, and turns unexpected errors into DELIVERY_UNKNOWN', async () => {
    const unknown = new TextbridgeError('DELIVERY_UNKNOWN', 'Plivo did not answer (timeout).');
    const client = new FakeClient((request) => (request.params.text === 'timeout' ? unknown : new TypeError('socket hang up')));
    const results = await sendBulk(client, [sms('+14155550101', 'timeout'), sms('+14155550102', 'boom')], fast);
    expect(errorOf(results[0])).toBe(unknown);
    const wrapped = errorOf(results[1]);
    expect(wrapped.code).toBe('DELIVERY_UNKNOWN');
    expect(wrapped.message).toMatch(/socket hang up.*may have been sent/);
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });

  it('treats a cancellation after the request went out as DELIVERY_UNKNOWN', async () => {
    const client = new FakeClient(
      () => new TextbridgeError('ABORTED', 'Send message was cancelled after the request was sent.', { details: { requestSent: 'unknown' } }),
    );
    const results = await sendBulk(client, [sms('+14155550101')], fast);
    expect(errorOf(results[0]).code).toBe('DELIVERY_UNKNOWN');
  });
});

describe('sendBulk: per-message validation', () => {
  it('rejects bad inputs one by one, naming the field, while the others are sent', async () => {
    const client = new FakeClient();
    const messages: unknown[] = [
      sms('+14155550101'),
      sms('not a number'),
      sms('+14155550103', 'Hi', 'Way-Too-Long-Sender'),
      sms('+14155550104', 'x'.repeat(1601)),
      { ...sms('+14155550105'), mediaUrl: 'https://example.com/a.png' },
      { ...sms('+14155550106'), type: 'sms', mediaUrls: ['https://example.com/a.png'] },
      null,
      { ...sms('+14155550108'), powerpackUuid: 'pp-1' },
      { dst: '+14155550109', text: 'Hi' },
      { src: '+14155550100', dst: '+14155550110' },
      { ...sms('+14155550111'), messageExpiry: 1 },
      { ...sms('+14155550112'), url: 'ftp://example.com' },
      { src: '+14155550100', dst: '+14155550113', type: 'mms' },
      { ...sms('+14155550114'), text: 42 },
      sms('020 7946 0958'),
      sms('+14155550116', '\u{1F600}'.repeat(400)),
      sms('+14155550117'),
      sms('+14155550118', '  \n '),
    ];
    const results = await sendBulk(client, messages as SendRequest[], fast);
    expect(results.map((r) => r.index)).toEqual(messages.map((_, i) => i));
    const expected: [number, string, string, RegExp][] = [
      [1, 'INVALID_PHONE_NUMBER', 'messages[1].dst', /contains letters/],
      [2, 'INVALID_SENDER', 'messages[2].src', /contains "-"/],
      [3, 'MESSAGE_TOO_LONG', 'messages[3].text', /too long for Plivo: 1601 characters in GSM-7/],
      [4, 'INVALID_INPUT', 'messages[4].mediaUrl', /unknown field\(s\) mediaUrl/],
      [5, 'INVALID_INPUT', 'messages[5].mediaUrls', /can only be sent in an MMS/],
      [6, 'INVALID_INPUT', 'messages[6]', /must be an object/],
      [7, 'INVALID_SENDER', 'messages[7].powerpackUuid', /both src and powerpackUuid/],
      [8, 'INVALID_SENDER', 'messages[8].src', /missing/],
      [9, 'INVALID_TEXT', 'messages[9].text', /missing: an SMS needs text/],
      [10, 'INVALID_INPUT', 'messages[10].messageExpiry', /at least 5 seconds/],
      [11, 'INVALID_INPUT', 'messages[11].url', /must be a valid http\(s\) URL/],
      [12, 'INVALID_INPUT', 'messages[12].mediaUrls', /an MMS needs text or at least one media URL/],
      [13, 'INVALID_TEXT', 'messages[13].text', /./],
      [14, 'INVALID_PHONE_NUMBER', 'messages[14].dst', /starts with 0/],
      [15, 'MESSAGE_TOO_LONG', 'messages[15].text', /UCS-2/],
      [17, 'INVALID_TEXT', 'messages[17].text', /is empty: an SMS needs text/],
    ];
    for (const [index, code, field, message] of expected) {
      const error = errorOf(results[index]);
      expect({ index, code: error.code, field: error.field }).toEqual({ index, code, field });
      expect(error.message).toMatch(message);
      expect(error.hint.length).toBeGreaterThan(10);
    }
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[16]).toMatchObject({ ok: true });
    expect(client.requests.map((r) => r.dsts)).toEqual([['+14155550101', '+14155550117']]);
    // A bad destination is echoed as given; a good one (with another problem) normalised.
    expect(results[1]!.dst).toBe('not a number');
    expect(results[3]!.dst).toBe('+14155550104');
  });

  it('names each input\'s own field when many inputs repeat one sender, good or bad (a run checks a sender once)', async () => {
    const client = new FakeClient();
    const messages = [
      sms('+14155550101', 'Hi', 'Way-Too-Long-Sender'),
      sms('+14155550102', 'Hi', '+14155550100'),
      sms('+14155550103', 'Hi', 'Way-Too-Long-Sender'),
      sms('+14155550104', 'Hi', '+14155550100'),
      sms('+14155550105', 'Hi', 14155550100 as unknown as string),
    ];
    const results = await sendBulk(client, messages, fast);
    expect([0, 2].map((i) => errorOf(results[i]).field)).toEqual(['messages[0].src', 'messages[2].src']);
    expect(errorOf(results[2]).message).toMatch(/^messages\[2\]\.src /);
    expect([1, 3, 4].map((i) => results[i])).toMatchObject([
      { ok: true, src: '+14155550100' },
      { ok: true, src: '+14155550100' },
      { ok: true, src: '+14155550100' },
    ]);
  });

  it('reads local numbers with defaultCountry', async () => {
    const client = new FakeClient();
    const results = await sendBulk(client, [sms('020 7946 0958')], { ...fast, defaultCountry: 'GB' });
    expect(results[0]).toMatchObject({ ok: true, dst: '+442079460958' });
  });
});

describe('sendBulk: arguments', () => {
  it.each([
    [{ batchSize: 0 }, 'batchSize', /batchSize must be at least 1/],
    [{ batchSize: 1001 }, 'batchSize', /at most 1000/],
    [{ concurrency: 1.5 }, 'concurrency', /concurrency/],
    [{ maxRequestsPerSecond: -1 }, 'maxRequestsPerSecond', /maxRequestsPerSecond/],
    [{ defaultCountry: 'XX' }, 'defaultCountry', /not a known two-letter ISO country code/],
    [{ onProgress: 'yes' }, 'onProgress', /must be a function/],
    [{ rateLimiter: {} }, 'rateLimiter', /createRateLimiter/],
    [{ colour: 'blue' }, undefined, /unknown field\(s\) colour/],
  ])('rejects options %o', async (options, field, message) => {
    const client = new FakeClient();
    const error = await sendBulk(client, [sms('+14155550101')], options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TextbridgeError);
    expect(error).toMatchObject({ field });
    expect((error as TextbridgeError).message).toMatch(message);
    expect(() => sendBulkStream(client, [], options as never)).toThrow(TextbridgeError);
    expect(client.requests).toHaveLength(0);
  });

  it('rejects a missing client and non-iterable messages', () => {
    expect(() => sendBulkStream({} as never, [])).toThrow(expect.objectContaining({ field: 'client' }));
    expect(() => sendBulkStream(new FakeClient(), 42 as never)).toThrow(expect.objectContaining({ field: 'messages' }));
  });

  it('returns no results for no messages', async () => {
    expect(await sendBulk(new FakeClient(), [], fast)).toEqual([]);
  });
});

describe('sendBulk: pacing, concurrency, 429', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    const client = new FakeClient(async () => {
      await settle();
      return undefined;
    });
    const messages = Array.from({ length: 40 }, (_, i) => sms('+14155550101', `text ${i}`));
    const results = await sendBulk(client, messages, { ...fast, concurrency: 3 });
    expect(successes(results)).toHaveLength(40);
    expect(client.maxInFlight).toBe(3);
  });

  it('takes a token from the rate limiter for every request, pacing them in (fake) time', async () => {
    const clock = new FakeClock();
    const rateLimiter = createRateLimiter({ maxRequestsPerSecond: 2, burst: 1, clock });
    const sentAt: number[] = [];
    const client = new FakeClient(() => {
      sentAt.push(clock.now());
      return undefined;
    });
    const messages = Array.from({ length: 5 }, (_, i) => sms('+14155550101', `text ${i}`));
    const done = sendBulk(client, messages, { rateLimiter });
    await clock.advance(5000);
    expect(successes(await done)).toHaveLength(5);
    expect(sentAt).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('slows every request down when the client reports a 429 retry', async () => {
    const clock = new FakeClock();
    const inner = createRateLimiter({ maxRequestsPerSecond: 10, burst: 1, recoveryMs: 1e9, clock });
    const penalties: (number | undefined)[] = [];
    const rateLimiter: RateLimiter = {
      acquire: (signal) => inner.acquire(signal),
      penalize: (ms) => {
        penalties.push(ms);
        inner.penalize(ms);
      },
      currentRate: () => inner.currentRate(),
    };
    const sentAt: number[] = [];
    const client = new FakeClient((_request, call, options) => {
      sentAt.push(clock.now());
      if (call === 0) {
        // The client hit a 429, waits itself and retries successfully: the limiter must hear about it.
        options?.onRetry?.({
          attempt: 1,
          delayMs: 2000,
          error: new TextbridgeError('RATE_LIMITED', 'Too many requests.', { status: 429, retryAfterMs: 2000 }),
        });
      }
      return undefined;
    });
    const messages = Array.from({ length: 3 }, (_, i) => sms('+14155550101', `text ${i}`));
    const done = sendBulk(client, messages, { rateLimiter, concurrency: 1 });
    await clock.advance(10_000);
    expect(successes(await done)).toHaveLength(3);
    expect(penalties).toEqual([2000]);
    // Paused for 2 s, then at half of 10/s.
    expect(sentAt).toEqual([0, 2200, 2400]);
    expect(inner.currentRate()).toBeCloseTo(5, 3);
  });

  it('queues a request again after RATE_LIMITED (nothing was sent), so no input is lost or doubled', async () => {
    const limited = new TextbridgeError('RATE_LIMITED', 'Too many requests.', { status: 429, retryAfterMs: 10 });
    const client = new FakeClient((_request, call) => (call < 2 ? limited : undefined));
    const results = await sendBulk(client, [sms('+14155550101'), sms('+14155550102')], {
      rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1000 }),
    });
    expect(client.requests).toHaveLength(3);
    expect(results).toMatchObject([
      { ok: true, messageUuids: ['uuid-2-0'] },
      { ok: true, messageUuids: ['uuid-2-1'] },
    ]);
  });

  it('gives RATE_LIMITED results when Plivo keeps refusing', async () => {
    const limited = new TextbridgeError('RATE_LIMITED', 'Too many requests.', { status: 429, retryAfterMs: 1 });
    const client = new FakeClient(() => limited);
    const results = await sendBulk(client, [sms('+14155550101')], {
      rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1000 }),
    });
    expect(client.requests).toHaveLength(6); // first try + MAX_RATE_LIMIT_REQUEUES
    expect(errorOf(results[0]).code).toBe('RATE_LIMITED');
  });
});

describe('sendBulk: abort and progress', () => {
  it('gives ABORTED to every input not yet sent, exactly one result each', async () => {
    const controller = new AbortController();
    const client = new FakeClient((_request, call) => {
      if (call === 1) controller.abort();
      return undefined;
    });
    const messages = Array.from({ length: 50 }, (_, i) => sms('+14155550101', `text ${i}`));
    const results = await sendBulk(client, messages, { ...fast, signal: controller.signal, concurrency: 1 });
    expect(results.map((r) => r.index)).toEqual(messages.map((_, i) => i));
    expect(successes(results)).toHaveLength(2);
    const aborted = results.filter((r) => !r.ok);
    expect(aborted).toHaveLength(48);
    for (const result of aborted) expect(errorOf(result)).toMatchObject({ code: 'ABORTED', field: `messages[${result.index}]` });
    expect(client.requests).toHaveLength(2);
  });

  it('sends nothing when aborted before the start', async () => {
    const client = new FakeClient();
    const results = await sendBulk(client, [sms('+14155550101'), sms('+14155550102')], { ...fast, signal: AbortSignal.abort() });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ABORTED', 'ABORTED']);
    expect(client.requests).toHaveLength(0);
  });

  it('aborts inputs waiting for the rate limiter', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const client = new FakeClient();
    const messages = Array.from({ length: 3 }, (_, i) => sms('+14155550101', `text ${i}`));
    const done = sendBulk(client, messages, {
      rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1, burst: 1, clock }),
      signal: controller.signal,
    });
    await settle();
    controller.abort();
    const results = await done;
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ABORTED', 'ABORTED']);
  });

  it('stops reading an iterable when aborted and closes it', async () => {
    const controller = new AbortController();
    let closed = false;
    let pulled = 0;
    async function* source() {
      try {
        for (let i = 0; ; i++) {
          pulled++;
          if (i === 5) controller.abort();
          yield sms('+14155550101', `text ${i}`);
        }
      } finally {
        closed = true;
      }
    }
    const results = await sendBulk(new FakeClient(), source(), { ...fast, signal: controller.signal, lookAhead: 3 });
    expect(closed).toBe(true);
    expect(results).toHaveLength(pulled);
    expect(results.map((r) => r.index)).toEqual(results.map((_, i) => i));
  });

  it('reports progress, with the total known for arrays', async () => {
    const progress: unknown[] = [];
    await sendBulk(new FakeClient(), [sms('+14155550101'), sms('bad'), sms('+14155550103')], {
      ...fast,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, sent: 2, failed: 1 });
    expect(progress[0]).toEqual({ done: 1, total: 3, sent: 0, failed: 1 });
  });

  it('ignores an onProgress that throws', async () => {
    const results = await sendBulk(new FakeClient(), [sms('+14155550101')], {
      ...fast,
      onProgress: () => {
        throw new Error('display broke');
      },
    });
    expect(results[0]).toMatchObject({ ok: true });
  });
});

describe('sendBulkStream', () => {
  it('does not hold a partly filled group back: it is sent when the look-ahead window closes', async () => {
    const client = new FakeClient();
    let firstResultSeen!: () => void;
    const firstResult = new Promise<void>((resolve) => (firstResultSeen = resolve));
    async function* source() {
      yield sms('+14155550101');
      yield sms('+14155550102');
      yield sms('+14155550103');
      await firstResult; // a source that only continues once results flow (e.g. a paged CRM export)
      yield sms('+14155550104');
    }
    const seen: number[] = [];
    for await (const result of sendBulkStream(client, source(), { ...fast, lookAhead: 3 })) {
      seen.push(result.index);
      firstResultSeen();
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(client.requests.map((r) => r.dsts.length)).toEqual([3, 1]);
  });

  it('sends a full group at once, without waiting for the window or the end', async () => {
    const client = new FakeClient();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    async function* source() {
      yield sms('+14155550101');
      yield sms('+14155550102');
      await released;
      yield sms('+14155550103');
    }
    const stream = sendBulkStream(client, source(), { ...fast, batchSize: 2 });
    const first = await stream.next();
    expect(first.value).toMatchObject({ index: 0, ok: true });
    expect(client.requests).toHaveLength(1);
    release();
    const rest: BulkSendResult[] = [];
    for await (const result of stream) rest.push(result);
    expect(rest.map((r) => r.index)).toEqual([1, 2]);
  });

  it('stops reading and sending when the consumer stops early', async () => {
    const client = new FakeClient();
    let closed = false;
    function* source() {
      try {
        for (let i = 0; i < 1000; i++) yield sms('+14155550101', `text ${i}`);
      } finally {
        closed = true;
      }
    }
    for await (const result of sendBulkStream(client, source(), { ...fast, lookAhead: 10, concurrency: 1 })) {
      if (result.index === 2) break;
    }
    await settle();
    expect(closed).toBe(true);
    expect(client.requests.length).toBeLessThanOrEqual(12);
  });

  it('gives results for what was read, then a TextbridgeError, when the source fails', async () => {
    async function* source() {
      yield sms('+14155550101');
      throw new Error('CRM export broke');
    }
    const seen: BulkSendResult[] = [];
    const error = await (async () => {
      for await (const result of sendBulkStream(new FakeClient(), source(), fast)) seen.push(result);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'messages' });
    expect((error as TextbridgeError).message).toMatch(/after 1 message\(s\): CRM export broke/);
  });

  it('fails with a TextbridgeError when the iterable cannot even be opened', async () => {
    const broken = {
      [Symbol.asyncIterator]() {
        throw new Error('not connected');
      },
    } as unknown as AsyncIterable<SendRequest>;
    const error = await sendBulk(new FakeClient(), broken, fast).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'messages' });
    expect((error as TextbridgeError).message).toMatch(/after 0 message\(s\): not connected/);
  });

  it('streams 100,000 messages from an async generator with a bounded look-ahead window', async () => {
    const lookAhead = 3000;
    const total = 100_000;
    let pulled = 0;
    let consumed = 0;
    let widest = 0;
    async function* source() {
      for (let i = 0; i < total; i++) {
        pulled++;
        widest = Math.max(widest, pulled - consumed);
        yield sms(`+1415555${String(i % 10_000).padStart(4, '0')}`, `Batch ${i % 7}`);
      }
    }
    const client = new FakeClient();
    for await (const result of sendBulkStream(client, source(), { ...fast, lookAhead, concurrency: 4 })) {
      if (result.index !== consumed || !result.ok) throw new Error(`unexpected result ${JSON.stringify(result)}`);
      consumed++;
    }
    expect(consumed).toBe(total);
    expect(widest).toBeLessThanOrEqual(lookAhead + 1);
    // Every request holds unique destinations and at most 1,000 of them.
    for (const request of client.requests) {
      expect(request.dsts.length).toBeLessThanOrEqual(1000);
      expect(new Set(request.dsts).size).toBe(request.dsts.length);
    }
    expect(client.requests.reduce((sum, r) => sum + r.dsts.length, 0)).toBe(total);
  }, 60_000);
});

describe('sendBulk: text that is not text', () => {
  it('refuses control characters (naming the field and positions) but keeps tabs and line breaks', async () => {
    const client = new FakeClient();
    const results = await sendBulk(client, [
      { src: '+14155550100', dst: '+14155550101', text: 'nul \u0000 and bell \u0007' },
      { src: '+14155550100', dst: '+14155550102', text: 'line 1\r\nline 2\tcolumn\fpage' },
    ]);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'INVALID_TEXT', field: 'messages[0].text' } });
    expect(results[0]!.ok === false && results[0]!.error.message).toContain('U+0000 at position 4');
    expect(results[1]).toMatchObject({ ok: true });
    expect(client.requests).toHaveLength(1);
  });
});
