// Every Plivo answer maps to a stable TextbridgeError code carrying status, api_id, Plivo's text, a message naming
// the operation and the code's hint; and no error ever carries the auth token or the Basic header value.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_HINTS, TextbridgeError, createPlivoClient,
  parseSendRequest, type TextbridgeErrorCode } from '../../src/index.js';
import { ACCOUNT, AUTH_ID, AUTH_TOKEN, BASIC, LOOKUP, MESSAGE_RECORD, leakedSecrets, plivoApi, testClient } from './fixtures.js';

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

async function failure(promise: Promise<unknown>): Promise<TextbridgeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    return error as TextbridgeError;
  }
  throw new Error('expected the call to fail');
}

const noRetry = () => testClient({ retry: { maxRetries: 0 } });
const send = () => noRetry().sendMessage(parseSendRequest({ src: '14155550100', dst: '14155550123', text: 'Hello' }));
const API_ID = '97ceeb52-58b6-11e1-86da-77300b68f8bb';

describe('send answers', () => {
  const cases: [number, string, TextbridgeErrorCode][] = [
    [400, 'Insufficient Credit', 'INSUFFICIENT_CREDIT'],
    [400, 'text parameter length exceeds 737 unicode characters', 'MESSAGE_TOO_LONG'],
    [400, 'text parameter length exceeds 1600 characters', 'MESSAGE_TOO_LONG'],
    [400, "'1111111' is not a valid phone number.", 'INVALID_PHONE_NUMBER'],
    [400, 'invalid phone numbers.', 'INVALID_PHONE_NUMBER'],
    [400, 'src parameter not present', 'INVALID_REQUEST'],
    [400, 'Destination number has opted out of messages from this sender', 'RECIPIENT_OPTED_OUT'],
    [402, 'payment required', 'INSUFFICIENT_CREDIT'],
    [403, 'This message cannot be sent to IR: destination country not enabled', 'GEO_PERMISSION'],
    [405, 'method not allowed', 'INVALID_REQUEST'],
    [409, 'conflict', 'INVALID_REQUEST'],
    [422, 'unprocessable', 'INVALID_REQUEST'],
    [401, 'authentication credentials were not provided', 'AUTHENTICATION_FAILED'],
  ];
  it.each(cases)('%i "%s" -> %s', async (status, text, code) => {
    const scope = plivoApi().post(`${ACCOUNT}/Message/`).reply(status, { api_id: API_ID, error: text });
    const error = await failure(send());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.apiId).toBe(API_ID);
    expect(error.plivoError).toBe(text);
    expect(error.hint).toBe(ERROR_HINTS[code]);
    expect(error.message).toMatch(/^Send message failed: Plivo answered \d{3}/);
    expect(error.message).toContain(text);
    expect(scope.isDone()).toBe(true);
  });

  it('reads a 401 without api_id', async () => {
    plivoApi().post(`${ACCOUNT}/Message/`).reply(401, { error: 'authentication credentials were not provided' });
    const error = await failure(send());
    expect(error.toJSON()).toEqual({
      name: 'TextbridgeError',
      code: 'AUTHENTICATION_FAILED',
      message: 'Send message failed: Plivo answered 401 Unauthorized: "authentication credentials were not provided".',
      hint: ERROR_HINTS.AUTHENTICATION_FAILED,
      status: 401,
      plivoError: 'authentication credentials were not provided',
    });
  });

  it('flattens field-keyed error objects', async () => {
    plivoApi().post(`${ACCOUNT}/Message/`).reply(400, { api_id: API_ID, error: { dst: ['This field is required.'] } });
    const error = await failure(send());
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.plivoError).toBe('dst: This field is required.');
  });
});

describe('other answers', () => {
  it('404 -> NOT_FOUND naming the operation', async () => {
    plivoApi().get(`${ACCOUNT}/Message/${MESSAGE_RECORD.message_uuid}/`).reply(404, { api_id: API_ID, error: 'not found' });
    const error = await failure(noRetry().getMessage(MESSAGE_RECORD.message_uuid));
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404, apiId: API_ID, plivoError: 'not found', hint: ERROR_HINTS.NOT_FOUND });
    expect(error.message).toBe('Get message failed: Plivo answered 404 Not Found: "not found".');
  });

  it("reads the lookup API's own error shape", async () => {
    nock(LOOKUP)
      .get('/v1/Number/+14155550123')
      .query({ type: 'carrier' })
      .reply(404, { api_id: API_ID, error_code: 404, message: 'Phone number is invalid or does not exist.' });
    const error = await failure(noRetry().lookupNumber('+14155550123'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      apiId: API_ID,
      plivoError: 'Phone number is invalid or does not exist.',
    });
    expect(error.message).toMatch(/^Look up number failed/);
  });

  it('403 outside a send means the credentials may not do it', async () => {
    plivoApi().get(`${ACCOUNT}/`).reply(403, { api_id: API_ID, error: 'forbidden' });
    const error = await failure(noRetry().getAccount());
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.hint).toMatch(/not allowed/);
  });

  it('429 -> RATE_LIMITED with retryAfterMs from seconds', async () => {
    plivoApi().get(`${ACCOUNT}/`).reply(429, { api_id: API_ID, error: 'too many requests' }, { 'Retry-After': '2' });
    const error = await failure(noRetry().getAccount());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 2000, hint: ERROR_HINTS.RATE_LIMITED });
  });

  it('429 -> RATE_LIMITED with retryAfterMs from an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    plivoApi().get(`${ACCOUNT}/`).reply(429, { error: 'too many requests' }, { 'Retry-After': at });
    const error = await failure(noRetry().getAccount());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(27_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("429 without Retry-After suggests Plivo's 5-second rate window", async () => {
    plivoApi().get(`${ACCOUNT}/`).reply(429, { error: 'too many requests' });
    const error = await failure(noRetry().getAccount());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 5000 });
  });

  it('a host transport answering without status or text body -> INVALID_RESPONSE', async () => {
    const client = createPlivoClient({
      authId: AUTH_ID,
      authToken: AUTH_TOKEN,
      transport: async () => ({ statusCode: 200, data: {} }) as never,
    });
    const error = await failure(client.getAccount());
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/^Get account: the transport returned no usable answer/);
  });

  it.each([500, 502, 503, 504])('%i on a read -> PLIVO_SERVER_ERROR', async (status) => {
    plivoApi().get(`${ACCOUNT}/`).reply(status, '<html>Bad gateway</html>');
    const error = await failure(noRetry().getAccount());
    expect(error).toMatchObject({ code: 'PLIVO_SERVER_ERROR', status, hint: ERROR_HINTS.PLIVO_SERVER_ERROR });
    expect(error.plivoError).toBeUndefined();
  });

  it('unparseable 2xx -> INVALID_RESPONSE', async () => {
    plivoApi().get(`${ACCOUNT}/`).reply(200, '<html>maintenance</html>');
    const error = await failure(noRetry().getAccount());
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
    expect(error.message).toMatch(/^Get account: .*not JSON/);
  });

  it('a 2xx missing a field we use -> INVALID_RESPONSE naming the field', async () => {
    const { message_uuid: _omit, ...record } = MESSAGE_RECORD;
    plivoApi().get(`${ACCOUNT}/Message/${MESSAGE_RECORD.message_uuid}/`).reply(200, record);
    const error = await failure(noRetry().getMessage(MESSAGE_RECORD.message_uuid));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('message_uuid');
  });

  it('a 202 send whose body cannot be read says the message was probably accepted', async () => {
    plivoApi().post(`${ACCOUNT}/Message/`).reply(202, { api_id: API_ID, message: 'message(s) queued' });
    const error = await failure(send());
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/message_uuid.*probably taken effect/);
  });
});

describe('redaction', () => {
  const echo = `bad token ${AUTH_TOKEN}; header ${BASIC}`;

  it.each([400, 401, 403, 404, 429, 500])('removes the token and Basic value from a %i answer that echoes them', async (status) => {
    plivoApi().post(`${ACCOUNT}/Message/`).reply(status, { api_id: API_ID, error: echo }, { 'Retry-After': '1' });
    const error = await failure(send());
    expect(leakedSecrets(error)).toEqual([]);
    expect(error.plivoError).toContain('[redacted]');
    expect(error.message).toContain('[redacted]');
  });

  it('removes them from plain-text bodies too', async () => {
    plivoApi().get(`${ACCOUNT}/`).reply(400, echo);
    const error = await failure(noRetry().getAccount());
    expect(leakedSecrets(error)).toEqual([]);
  });

  it('removes them from transport failures and their cause', async () => {
    const client = createPlivoClient({
      authId: AUTH_ID,
      authToken: AUTH_TOKEN,
      retry: { maxRetries: 0 },
      transport: async () => {
        throw Object.assign(new Error(`connect ECONNREFUSED while sending Authorization: ${BASIC} (${AUTH_TOKEN})`), {
          code: 'ECONNREFUSED',
        });
      },
    });
    const error = await failure(client.getAccount());
    expect(error.code).toBe('NETWORK');
    expect(leakedSecrets(error)).toEqual([]);
    expect(leakedSecrets((error as { cause?: unknown }).cause)).toEqual([]);
  });

  it('never shows the token in option errors', async () => {
    for (const options of [
      { authId: '', authToken: AUTH_TOKEN },
      { authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: `https://user:${AUTH_TOKEN}@api.example.com` },
      { authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: -1 },
    ]) {
      let caught: unknown;
      try {
        createPlivoClient(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TextbridgeError);
      expect(leakedSecrets(caught)).toEqual([]);
    }
  });
});
