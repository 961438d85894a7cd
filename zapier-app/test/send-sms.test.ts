import { sendSms } from '../src/creates/send-sms.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PATH,
  AUTH_TOKEN,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  listBody,
  plivoApi,
  resetNetwork,
  zapierErrorBody,
} from './helpers.js';

const UUID_A = '0b9e2f1c-1c2d-11ef-9a1c-0242ac110001';
const UUID_B = '0b9e2f1c-1c2d-11ef-9a1c-0242ac110002';

type SentBody = Record<string, unknown>;

describe('Send SMS', () => {
  beforeEach(() => {
    isolateNetwork();
    // A step without a Status Callback URL looks for a Delivery Status (Instant) hook first: here there is none.
    plivoApi().get(`${ACCOUNT_PATH}/Application/`).query(true).optionally().reply(200, listBody([])).persist();
  });
  afterEach(resetNetwork);

  it('sends one text to several numbers in one request and summarises every recipient', async () => {
    const bodies: SentBody[] = [];
    plivoApi()
      .post(`${ACCOUNT_PATH}/Message/`, (body: SentBody) => bodies.push(body) > 0)
      .reply(202, { api_id: 'send-1', message: 'message(s) queued', message_uuid: [UUID_A, UUID_B] });
    const result = await appTester(sendSms, {
      authData,
      inputData: {
        from: '+14155552671',
        to: ['(415) 555-0123', '+1 415.555.0124'],
        message: 'Your order “42” is ready — see you soon',
        default_country: 'us',
      },
    });
    expect(bodies).toHaveLength(1);
    // Smart encoding is on by default: the curly quotes and dash become GSM-7 characters.
    expect(bodies[0]).toMatchObject({ src: '14155552671', dst: '14155550123<14155550124', text: 'Your order "42" is ready - see you soon' });
    expect(result).toMatchObject({
      id: UUID_A,
      status: 'queued',
      messageUuid: UUID_A,
      messageUuids: [UUID_A, UUID_B],
      to: ['+14155550123', '+14155550124'],
      from: '+14155552671',
      encoding: 'GSM-7',
      segmentCount: 1,
      queuedCount: 2,
      failedCount: 0,
    });
    expect(result.recipients).toEqual([
      { to: '+14155550123', status: 'queued', messageUuid: UUID_A, errorCode: null, errorMessage: null },
      { to: '+14155550124', status: 'queued', messageUuid: UUID_B, errorCode: null, errorMessage: null },
    ]);
  });

  it('sends the text exactly as written when smart encoding is off, {{curly braces}} included', async () => {
    const bodies: SentBody[] = [];
    plivoApi()
      .post(`${ACCOUNT_PATH}/Message/`, (body: SentBody) => bodies.push(body) > 0)
      .reply(202, { api_id: 'send-2', message: 'message(s) queued', message_uuid: [UUID_A] });
    const text = 'Reply “YES” to {{bundle.authData.auth_token}}';
    const result = await appTester(sendSms, {
      authData,
      inputData: { from: 'MyShop', to: '+447520123456', message: text, smart_encoding: false },
    });
    expect(bodies[0]).toMatchObject({ src: 'MyShop', text });
    expect(JSON.stringify(bodies[0])).not.toContain(AUTH_TOKEN);
    expect(result).toMatchObject({ status: 'queued', encoding: 'UCS-2', from: 'MyShop', to: ['+447520123456'] });
  });

  it('passes MMS media, expiry and the status callback URL on to Plivo', async () => {
    const bodies: SentBody[] = [];
    plivoApi()
      .post(`${ACCOUNT_PATH}/Message/`, (body: SentBody) => bodies.push(body) > 0)
      .reply(202, { api_id: 'send-3', message: 'message(s) queued', message_uuid: [UUID_A] });
    await appTester(sendSms, {
      authData,
      inputData: {
        from: '+14155552671',
        to: '+14155550123',
        message: 'Your receipt',
        media_urls: ['https://example.com/receipt.png'],
        message_expiry: '600',
        status_callback_url: 'https://example.com/status',
      },
    });
    expect(bodies[0]).toMatchObject({
      type: 'mms',
      media_urls: ['https://example.com/receipt.png'],
      message_expiry: 600,
      url: 'https://example.com/status',
      method: 'POST',
    });
  });

  it('reports the recipients Plivo rejected while the others are queued', async () => {
    plivoApi()
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(202, { api_id: 'send-4', message: 'message(s) queued', message_uuid: [UUID_A], invalid_number: ['14155550124'] });
    const result = await appTester(sendSms, {
      authData,
      inputData: { from: '+14155552671', to: '+14155550123, +14155550124', message: 'Hello' },
    });
    expect(result).toMatchObject({ status: 'partially_queued', queuedCount: 1, failedCount: 1, messageUuids: [UUID_A] });
    expect(result.recipients[1]).toMatchObject({ to: '+14155550124', status: 'failed', errorCode: 'INVALID_PHONE_NUMBER' });
  });

  it('fails the step with the reason, code and hint when nothing could be sent', async () => {
    plivoApi().post(`${ACCOUNT_PATH}/Message/`).reply(400, { api_id: 'send-5', error: 'invalid phone numbers.' });
    const error = await failureOf(
      appTester(sendSms, { authData, inputData: { from: '+14155552671', to: '+14155550123', message: 'Hello' } }),
    );
    expect(error.name).toBe('AppError');
    const body = zapierErrorBody(error);
    expect(body.code).toBe('INVALID_PHONE_NUMBER');
    expect(body.status).toBe(400);
    expect(body.message).toMatch(/invalid phone numbers/);
    expect(body.message).toMatch(/country code/);
  });

  it('rejects an unreadable number before calling Plivo, naming what was wrong', async () => {
    const error = await failureOf(
      appTester(sendSms, { authData, inputData: { from: '+14155552671', to: '555-0123', message: 'Hello' } }),
    );
    const body = zapierErrorBody(error);
    expect(error.name).toBe('AppError');
    expect(body.code).toBe('INVALID_PHONE_NUMBER');
    expect(body.message).toMatch(/555-0123/);
    // Named as this step's field and recipient, not core's internal messages[i].dst path.
    expect(body.message).toMatch(/to \(recipient 1\)/);
    expect(body.message).not.toMatch(/messages\[/);
  });

  it('rejects a missing message for an SMS with core’s message and hint', async () => {
    const error = await failureOf(appTester(sendSms, { authData, inputData: { from: '+14155552671', to: '+14155550123' } }));
    expect(zapierErrorBody(error).code).toBe('INVALID_TEXT');
  });

  it('hands a rate limit back to Zapier as a ThrottledError with Plivo’s Retry-After, sending nothing twice', async () => {
    const scope = plivoApi().post(`${ACCOUNT_PATH}/Message/`).once().reply(429, { api_id: 'send-6', error: 'too many requests' }, { 'Retry-After': '17' });
    const started = Date.now();
    const error = await failureOf(
      appTester(sendSms, { authData, inputData: { from: '+14155552671', to: ['+14155550123', '+14155550124'], message: 'Hello' } }),
    );
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    expect(zapierErrorBody(error)).toMatchObject({ delay: 17 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['an hour', '3600', 3600, /asked to wait 60 min/],
    ['years (seconds)', '99999999999', 86_400, /asked to wait more than 1,000 days/],
    ['beyond any number', '9'.repeat(400), 86_400, /asked to wait more than 1,000 days/],
    ['an HTTP date in the far future', 'Fri, 31 Dec 9999 23:59:59 GMT', 86_400, /asked to wait/],
  ])('a Retry-After of %s is a ThrottledError at once, with a delay Zapier can keep (at most a day)', async (_label, header, delay, wait) => {
    const scope = plivoApi().post(`${ACCOUNT_PATH}/Message/`).once().reply(429, { api_id: 'send-7', error: 'too many requests' }, { 'Retry-After': header });
    const error = await failureOf(appTester(sendSms, { authData, inputData: { from: '+14155552671', to: '+14155550123', message: 'Hello' } }));
    expect(scope.isDone()).toBe(true);
    expect(error.name).toBe('ThrottledError');
    const body = zapierErrorBody(error);
    expect(body.delay).toBe(delay);
    expect(String(body.message)).toMatch(wait);
    expect(String(body.message)).toMatch(/nothing was sent/i);
  });

  it('returns status held with sendAfter (not an error) when quiet hours hold every recipient, and skips opted-out ones', async () => {
    // No Plivo route: a request would fail the test (the network is isolated).
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const opensAt = new Date(minute + 2 * 3_600_000);
    const hhmm = (at: Date) => at.toISOString().slice(11, 16);
    const result = await appTester(sendSms, {
      authData,
      inputData: {
        from: '+14155552671',
        to: ['+14155550123', '+14155550124'],
        message: 'See you tomorrow',
        quiet_hours: 'true',
        quiet_start: hhmm(opensAt),
        quiet_end: hhmm(new Date(minute + 3 * 3_600_000)),
        time_zone: 'UTC',
        opted_out: ['+14155550124'],
      },
    });
    expect(result).toMatchObject({
      status: 'held',
      sendAfter: opensAt.toISOString(),
      queuedCount: 0,
      failedCount: 0,
      heldCount: 1,
      skippedCount: 1,
      messageUuids: [],
    });
    expect(result.recipients).toEqual([
      { to: '+14155550123', status: 'held', messageUuid: null, errorCode: null, errorMessage: null, sendAfter: opensAt.toISOString() },
      {
        to: '+14155550124',
        status: 'skipped',
        messageUuid: null,
        errorCode: null,
        errorMessage: '+14155550124 is on the opted-out list: it was not sent.',
      },
    ]);
  });

  it('names quiet_start when the quiet-hours time is not HH:MM', async () => {
    const error = await failureOf(
      appTester(sendSms, {
        authData,
        inputData: { from: '+14155552671', to: ['+14155550123'], message: 'Hi', quiet_hours: true, quiet_start: 'noon' },
      }),
    );
    expect(error.message).toContain('quiet_start');
  });
});
