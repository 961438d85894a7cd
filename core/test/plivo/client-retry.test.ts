// Retries without duplicates: reads retry every transient failure; a send (or createApplication) is repeated only
// when Plivo provably did not process it. Request counts are exact (nock scopes, or counting fake transports).
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  TextbridgeError,
  createPlivoClient,
  parseSendRequest,
  type RetryInfo,
  type Transport,
  type TransportResponse,
} from '../../src/index.js';
import { ACCOUNT, ACCOUNT_ANSWER, AUTH_ID, AUTH_TOKEN, SEND_ANSWER, instantRetry, plivoApi, testClient } from './fixtures.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

const SEND = { src: '14155550100', dst: '14155550123', text: 'Hello' };
const MESSAGE_PATH = `${ACCOUNT}/Message/`;

async function failure(promise: Promise<unknown>): Promise<TextbridgeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    return error as TextbridgeError;
  }
  throw new Error('expected the call to fail');
}

/** A transport that plays a script of outcomes (an Error to throw, or an answer) and counts calls. */
function scripted(outcomes: (Error | TransportResponse)[]): Transport & { calls: number } {
  const transport = Object.assign(
    async (): Promise<TransportResponse> => {
      const next = outcomes[transport.calls] ?? outcomes[outcomes.length - 1]!;
      transport.calls += 1;
      if (next instanceof Error) throw next;
      return next;
    },
    { calls: 0 },
  );
  return transport;
}

function systemError(code: string, syscall?: string): Error {
  return Object.assign(new Error(`${syscall ?? 'read'} ${code}`), { code, ...(syscall ? { syscall } : {}) });
}

const accepted: TransportResponse = { status: 202, headers: {}, body: JSON.stringify(SEND_ANSWER) };

function clientWith(transport: Transport, delays: number[] = []) {
  const { retry } = instantRetry({ sleep: async (ms) => void delays.push(ms) });
  return createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, transport, retry });
}

describe('reads and idempotent calls', () => {
  it('retry 5xx with exponential backoff and full jitter, reporting each retry', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).times(3).reply(500, { error: 'internal' }).get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    const { retry, delays } = instantRetry();
    const retries: RetryInfo[] = [];
    const account = await testClient({ retry }).getAccount({ onRetry: (info) => retries.push(info) });
    expect(account.authId).toBe(AUTH_ID);
    expect(scope.isDone()).toBe(true);
    // random() = 0.5 of ceilings 250, 500, 1000
    expect(delays).toEqual([125, 250, 500]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.code, r.error.status])).toEqual([
      [1, 125, 'PLIVO_SERVER_ERROR', 500],
      [2, 250, 'PLIVO_SERVER_ERROR', 500],
      [3, 500, 'PLIVO_SERVER_ERROR', 500],
    ]);
  });

  it('give up after maxRetries with the last error (exactly 1 + maxRetries requests)', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).times(4).reply(502, { error: 'bad gateway' });
    const error = await failure(testClient().getAccount());
    expect(error).toMatchObject({ code: 'PLIVO_SERVER_ERROR', status: 502 });
    expect(scope.isDone()).toBe(true);
  });

  it('honour a per-call maxRetries', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).times(2).reply(503).get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    await failure(testClient().getAccount({ maxRetries: 1 }));
    expect(nock.pendingMocks()).toHaveLength(1);
    expect(scope.isDone()).toBe(false);
  });

  it('never wait less than Retry-After (seconds)', async () => {
    const scope = plivoApi()
      .get(`${ACCOUNT}/`)
      .reply(429, { error: 'too many requests' }, { 'Retry-After': '3' })
      .get(`${ACCOUNT}/`)
      .reply(200, ACCOUNT_ANSWER);
    const { retry, delays } = instantRetry({ random: () => 0.99 });
    await testClient({ retry }).getAccount();
    expect(delays).toEqual([3000]);
    expect(scope.isDone()).toBe(true);
  });

  it('never wait less than Retry-After (HTTP date), and keep a longer jittered delay', async () => {
    const at = new Date(Date.now() + 2_000).toUTCString();
    plivoApi()
      .get(`${ACCOUNT}/`)
      .reply(429, {}, { 'Retry-After': at })
      .get(`${ACCOUNT}/`)
      .reply(503, {}, { 'Retry-After': '0' })
      .get(`${ACCOUNT}/`)
      .reply(200, ACCOUNT_ANSWER);
    const { retry, delays } = instantRetry({ random: () => 0.99, baseDelayMs: 1000 });
    await testClient({ retry }).getAccount();
    expect(delays[0]).toBeGreaterThan(900);
    expect(delays[0]).toBeLessThanOrEqual(2_000);
    expect(delays[1]).toBe(1980);
  });

  it('do not wait for a Retry-After longer than maxRetryAfterMs: fail with RATE_LIMITED at once', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).reply(429, {}, { 'Retry-After': '120' }).get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    const error = await failure(testClient().getAccount());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 120_000 });
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    ['3600', 3_600_000, '60 min'],
    ['9'.repeat(400), Number.MAX_SAFE_INTEGER, 'more than 1,000 days'],
  ])('a Retry-After of %s fails at once with RATE_LIMITED, saying how long Plivo asked and that nothing was sent', async (header, retryAfterMs, wait) => {
    const scope = plivoApi().post(MESSAGE_PATH).reply(429, { error: 'too many requests' }, { 'Retry-After': header });
    const { retry, delays } = instantRetry();
    const error = await failure(testClient({ retry }).sendMessage(parseSendRequest(SEND)));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs });
    expect(error.message).toBe(
      `Send message failed: Plivo answered 429 Too Many Requests: "too many requests". Plivo asked to wait ${wait} before retrying (Retry-After), longer than the 60 s Textbridge waits, so nothing was sent.`,
    );
    expect(error.hint).toBe(`Nothing was sent. Send again after ${wait}, or lower the requests per second.`);
    expect(delays).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuse a maxRetryAfterMs a timer cannot hold (it would fire at once)', () => {
    expect(() => testClient({ retry: { maxRetryAfterMs: 2 ** 31 } })).toThrow(/maxRetryAfterMs must be at most 2147483647 ms/);
    expect(() => testClient({ retry: { maxDelayMs: Number.MAX_SAFE_INTEGER } })).toThrow(/maxDelayMs must be at most/);
  });

  it('retry updates by id and deletes', async () => {
    const scope = plivoApi()
      .post(`${ACCOUNT}/Number/14155550100/`, { alias: 'x' })
      .reply(500)
      .post(`${ACCOUNT}/Number/14155550100/`, { alias: 'x' })
      .reply(202, { api_id: 'a', message: 'changed' })
      .delete(`${ACCOUNT}/Application/123/`)
      .reply(503)
      .delete(`${ACCOUNT}/Application/123/`)
      .reply(204);
    const client = testClient();
    await client.updateNumber('+14155550100', { alias: 'x' });
    await client.deleteApplication('123');
    expect(scope.isDone()).toBe(true);
  });

  it('retry network failures and timeouts of any kind', async () => {
    const transport = scripted([
      systemError('ECONNRESET'),
      systemError('ETIMEDOUT'),
      systemError('UND_ERR_SOCKET'),
      { status: 200, headers: {}, body: JSON.stringify(ACCOUNT_ANSWER) },
    ]);
    await expect(clientWith(transport).getAccount()).resolves.toMatchObject({ authId: AUTH_ID });
    expect(transport.calls).toBe(4);
  });

  it('do not retry 4xx answers', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).reply(401, { error: 'unauthorized' }).get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    await failure(testClient().getAccount());
    expect(scope.isDone()).toBe(false);
  });
});

describe('sends', () => {
  it.each([429, 503])('retry %i (Plivo did not process the request)', async (status) => {
    const scope = plivoApi().post(MESSAGE_PATH, SEND).reply(status, { error: 'busy' }).post(MESSAGE_PATH, SEND).reply(202, SEND_ANSWER);
    const result = await testClient().sendMessage(parseSendRequest(SEND));
    expect(result.messageUuids).toEqual(SEND_ANSWER.message_uuid);
    expect(scope.isDone()).toBe(true);
  });

  it.each([500, 502, 504])('do not retry %i: DELIVERY_UNKNOWN after exactly one request', async (status) => {
    const first = plivoApi().post(MESSAGE_PATH).reply(status, { api_id: 'api-1', error: 'internal error' });
    const second = plivoApi().post(MESSAGE_PATH).reply(202, SEND_ANSWER);
    const error = await failure(testClient().sendMessage(parseSendRequest(SEND)));
    expect(error.code).toBe('DELIVERY_UNKNOWN');
    expect(error).toMatchObject({ status, apiId: 'api-1', plivoError: 'internal error' });
    expect(error.message).toMatch(/^Send message: Plivo answered \d{3}, so the message may or may not have been sent/);
    expect(error.details).toMatchObject({ failure: 'PLIVO_SERVER_ERROR', mayHaveBeenProcessed: true });
    expect(first.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
  });

  it('after 429s run out, fail with RATE_LIMITED and its retryAfterMs (4 requests)', async () => {
    const scope = plivoApi().post(MESSAGE_PATH).times(4).reply(429, { error: 'too many requests' }, { 'Retry-After': '1' });
    const { retry, delays } = instantRetry();
    const error = await failure(testClient({ retry }).sendMessage(parseSendRequest(SEND)));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 1000 });
    expect(delays).toEqual([1000, 1000, 1000]);
    expect(scope.isDone()).toBe(true);
  });

  it('after 503s run out, fail with PLIVO_SERVER_ERROR (never processed, so not DELIVERY_UNKNOWN)', async () => {
    const scope = plivoApi().post(MESSAGE_PATH).times(2).reply(503);
    const error = await failure(testClient().sendMessage(parseSendRequest(SEND), { maxRetries: 1 }));
    expect(error).toMatchObject({ code: 'PLIVO_SERVER_ERROR', status: 503 });
    expect(scope.isDone()).toBe(true);
  });

  it('retry a connection refused before the request was written', async () => {
    const transport = scripted([systemError('ECONNREFUSED', 'connect'), systemError('ENOTFOUND', 'getaddrinfo'), accepted]);
    await expect(clientWith(transport).sendMessage(parseSendRequest(SEND))).resolves.toMatchObject({ apiId: SEND_ANSWER.api_id });
    expect(transport.calls).toBe(3);
  });

  it('retry a reset that the transport proves happened before writing', async () => {
    const unsent = new TextbridgeError('NETWORK', 'socket closed before the request was written', { details: { requestSent: false } });
    const transport = scripted([unsent, accepted]);
    await clientWith(transport).sendMessage(parseSendRequest(SEND));
    expect(transport.calls).toBe(2);
  });

  it.each([
    ['a reset after write', systemError('ECONNRESET')],
    ['a closed socket', systemError('UND_ERR_SOCKET')],
    ['a timeout', systemError('ETIMEDOUT')],
    ['an undici headers timeout', systemError('UND_ERR_HEADERS_TIMEOUT')],
    ['an unknown failure', new Error('boom')],
  ])('do not retry %s: DELIVERY_UNKNOWN after one attempt', async (_label, thrown) => {
    const transport = scripted([thrown, accepted]);
    const error = await failure(clientWith(transport).sendMessage(parseSendRequest(SEND)));
    expect(error.code).toBe('DELIVERY_UNKNOWN');
    expect(error.details?.requestSent).not.toBe(false);
    expect(transport.calls).toBe(1);
  });

  it('a send that times out on the wire (undici transport) is DELIVERY_UNKNOWN after one request', async () => {
    const scope = plivoApi().post(MESSAGE_PATH).delay(400).reply(202, SEND_ANSWER);
    const spare = plivoApi().post(MESSAGE_PATH).reply(202, SEND_ANSWER);
    const error = await failure(testClient({ timeoutMs: 40 }).sendMessage(parseSendRequest(SEND)));
    expect(error.code).toBe('DELIVERY_UNKNOWN');
    expect(error.details).toMatchObject({ failure: 'TIMEOUT', requestSent: true });
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
  });

  it('a host transport that never settles is given up on after its timeout and a grace period', async () => {
    const never = (() => new Promise<TransportResponse>(() => {})) as Transport;
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, transport: never, timeoutMs: 30 });
    const started = Date.now();
    const error = await failure(client.sendMessage(parseSendRequest(SEND)));
    expect(error.code).toBe('DELIVERY_UNKNOWN');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('createApplication is not retried after an ambiguous failure, and says so', async () => {
    const first = plivoApi().post(`${ACCOUNT}/Application/`).reply(500, { error: 'internal' });
    const second = plivoApi().post(`${ACCOUNT}/Application/`).reply(201, { api_id: 'a', app_id: '1', message: 'created' });
    const error = await failure(testClient().createApplication({ appName: 'textbridge' }));
    expect(error.code).toBe('PLIVO_SERVER_ERROR');
    expect(error.message).toMatch(/may have been created/);
    expect(error.details).toMatchObject({ mayHaveBeenProcessed: true });
    expect(first.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
  });

  it('createApplication is retried after a 429', async () => {
    const scope = plivoApi()
      .post(`${ACCOUNT}/Application/`)
      .reply(429)
      .post(`${ACCOUNT}/Application/`)
      .reply(201, { api_id: 'a', app_id: '1', message: 'created' });
    await testClient().createApplication({ appName: 'textbridge' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('abort', () => {
  it('an already aborted signal sends nothing', async () => {
    const scope = plivoApi().post(MESSAGE_PATH).reply(202, SEND_ANSWER);
    const error = await failure(testClient().sendMessage(parseSendRequest(SEND), { signal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(error.details).toMatchObject({ requestSent: false });
    expect(scope.isDone()).toBe(false);
  });

  it('aborting during the backoff stops at once, without another request', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).reply(503).get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    const controller = new AbortController();
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, retry: { baseDelayMs: 60_000, random: () => 1 } });
    const pending = client.getAccount({ signal: controller.signal, onRetry: () => setTimeout(() => controller.abort(), 10) });
    const error = await failure(pending);
    expect(error.code).toBe('ABORTED');
    expect(error.message).toBe('Get account was cancelled.');
    expect(scope.isDone()).toBe(false);
  });

  it('aborting an in-flight request rejects with ABORTED and says it may have been sent', async () => {
    plivoApi().post(MESSAGE_PATH).delay(400).reply(202, SEND_ANSWER);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await failure(testClient().sendMessage(parseSendRequest(SEND), { signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(error.details).toMatchObject({ requestSent: true });
    expect(error.message).toMatch(/^Send message: /);
  });

  it('aborting works even when a host transport ignores the signal', async () => {
    const never = (() => new Promise<TransportResponse>(() => {})) as Transport;
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, transport: never });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await failure(client.getAccount({ signal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(error.details).toMatchObject({ requestSent: 'unknown' });
  });
});
