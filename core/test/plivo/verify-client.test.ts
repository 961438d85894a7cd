// The Verify calls of core's client against nock: Plivo's paths, JSON bodies and answer shapes (as the official SDK
// and Plivo's docs give them: "Session initiated", "session validated successfully.", `sessions` in lists), the
// refusals of a check mapped to their own codes, and input refused before anything is sent.
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_HINTS, VERIFY_CHECK_ERROR_TEXT_RULES, checkVerificationCodeOutcome, isTextbridgeError } from '../../src/index.js';
import { ACCOUNT, API, BASIC, instantRetry, testClient } from './fixtures.js';

const SESSION = '8e712097-8090-4644-81e7-8f4265d8354e';
const SESSIONS = `${ACCOUNT}/Verify/Session/`;

/** A session as Plivo documents it (Retrieve a session; the SDK's test fixture has the same fields). */
const SESSION_RECORD = {
  api_id: 'c3f2f101-ff46-44dd-808a-00408deba5d1',
  session_uuid: SESSION,
  app_uuid: '3cdec449-a367-435e-b4f9-40d777a7cfcc',
  alias: 'new_voice45',
  recipient: '918707046406',
  channel: 'sms',
  locale: 'en',
  status: 'Verified',
  count: 1,
  requestor_ip: '',
  destination_country_iso2: 'IN',
  destination_network: 'Jio',
  attempt_details: [
    { channel: 'sms', attempt_uuid: 'e2f66aeb-6b98-42a9-ba81-0aba74a7eb7c', status: 'delivered', time: '2023-07-24T22:47:21.279363+05:30' },
  ],
  charges: {
    total_charge: '0.07100',
    validation_charge: '0.05',
    attempt_charges: [{ attempt_uuid: 'e2f66aeb-6b98-42a9-ba81-0aba74a7eb7c', channel: 'sms', charge: '0.02100' }],
  },
  created_at: '2023-07-24T22:47:19.243437+05:30',
  updated_at: '2023-07-24T22:47:21.279363+05:30',
};

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

describe('sendVerificationCode', () => {
  it('posts the recipient in E.164 and every option in Plivo names, and reads the session UUID', async () => {
    const body = {
      recipient: '+14155550123',
      app_uuid: '3cdec449-a367-435e-b4f9-40d777a7cfcc',
      channel: 'sms',
      locale: 'en_US',
      brand_name: 'Acme',
      code_length: 8,
      app_hash: 'FA+9qCX9VSu',
      url: 'https://example.com/verify-status',
      method: 'GET',
    };
    const answer = { api_id: 'a1', message: 'Session initiated', session_uuid: SESSION };
    const scope = nock(API).matchHeader('authorization', BASIC).post(SESSIONS, body).reply(202, answer);
    const result = await testClient().sendVerificationCode({
      recipient: '(415) 555-0123',
      defaultCountry: 'US',
      appUuid: '3cdec449-a367-435e-b4f9-40d777a7cfcc',
      channel: 'sms',
      locale: 'en_US',
      brandName: 'Acme',
      codeLength: 8,
      appHash: 'FA+9qCX9VSu',
      url: 'https://example.com/verify-status',
      method: 'GET',
    });
    expect(result).toEqual({ apiId: 'a1', message: 'Session initiated', sessionUuid: SESSION, raw: answer });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{ recipient: '12345' }, 'INVALID_PHONE_NUMBER', 'recipient'],
    [{}, 'INVALID_PHONE_NUMBER', 'recipient'],
    [{ recipient: '+14155550123', codeLength: 3 }, 'INVALID_INPUT', 'codeLength'],
    [{ recipient: '+14155550123', codeLength: 9 }, 'INVALID_INPUT', 'codeLength'],
    [{ recipient: '+14155550123', channel: 'email' }, 'INVALID_INPUT', 'channel'],
    [{ recipient: '+14155550123', locale: 'english' }, 'INVALID_INPUT', 'locale'],
    [{ recipient: '+14155550123', channel: 'voice', appHash: 'abc' }, 'INVALID_INPUT', 'appHash'],
    [{ recipient: '+14155550123', url: 'ftp://example.com' }, 'INVALID_INPUT', 'url'],
  ])('refuses %j before sending anything: %s on %s', async (params, code, field) => {
    const error = await testClient()
      .sendVerificationCode(params as never)
      .catch((caught: unknown) => caught);
    expect(isTextbridgeError(error)).toBe(true);
    expect(error).toMatchObject({ code, field });
    expect((error as Error).message).toMatch(/^Send verification code: /);
  });

  it('does not resend after an ambiguous failure: the code may have gone out', async () => {
    const scope = nock(API).post(SESSIONS).reply(500, { api_id: 'x', error: 'internal error' });
    const error = await testClient(instantRetry())
      .sendVerificationCode({ recipient: '+14155550123' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'DELIVERY_UNKNOWN', details: { mayHaveBeenProcessed: true } });
    expect(scope.isDone()).toBe(true);
  });

  it('reads a 403 as the destination country missing from geo permissions', async () => {
    nock(API).post(SESSIONS).reply(403, { api_id: 'x', error: 'sms to India is not enabled' });
    const error = await testClient().sendVerificationCode({ recipient: '+918707046406' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'GEO_PERMISSION', status: 403 });
  });
});

describe('checkVerificationCode', () => {
  it('posts the code as otp to the session and resolves with Plivo\'s message', async () => {
    const answer = { api_id: 'a2', message: 'session validated successfully.' };
    const scope = nock(API).post(`${SESSIONS}${SESSION}/`, { otp: '012345' }).reply(200, answer);
    const result = await testClient().checkVerificationCode(SESSION, ' 012-345 ');
    expect(result).toEqual({ apiId: 'a2', message: 'session validated successfully.', raw: answer });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['invalid otp: the code does not match this session', 'VERIFICATION_CODE_WRONG'],
    ['Incorrect OTP', 'VERIFICATION_CODE_WRONG'],
    ['session expired: send a new code', 'VERIFICATION_EXPIRED'],
    ['maximum validation attempts (10) reached for this session', 'VERIFICATION_ATTEMPTS_EXCEEDED'],
    ['Too many attempts', 'VERIFICATION_ATTEMPTS_EXCEEDED'],
    ['session already verified', 'VERIFICATION_ALREADY_VERIFIED'],
  ] as const)('maps Plivo\'s 400 "%s" to %s with its hint, without retrying', async (text, code) => {
    const scope = nock(API).post(`${SESSIONS}${SESSION}/`).once().reply(400, { api_id: 'x', error: text });
    const error = await testClient(instantRetry()).checkVerificationCode(SESSION, '123456').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code, status: 400, plivoError: text, hint: ERROR_HINTS[code] });
    expect(scope.isDone()).toBe(true);
  });

  it('keeps the general meaning of other refusals (an unknown session is NOT_FOUND)', async () => {
    nock(API).post(`${SESSIONS}${SESSION}/`).reply(404, { api_id: 'x', error: 'not found' });
    const error = await testClient().checkVerificationCode(SESSION, '123456').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('applies the verification rules to checks only: a send answered "expired" stays a plain bad request', async () => {
    nock(API).post(SESSIONS).reply(400, { api_id: 'x', error: 'the verify application has expired' });
    const error = await testClient().sendVerificationCode({ recipient: '+14155550123' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('refuses a code that cannot match without spending one of the session\'s checks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /[^\d\s-]/.test(s) && s.trim() !== ''),
          fc.stringMatching(/^\d{1,3}$/),
          fc.stringMatching(/^\d{9,14}$/),
        ),
        async (code) => {
          const error = await testClient().checkVerificationCode(SESSION, code).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ code: 'VERIFICATION_CODE_WRONG', field: 'code' });
        },
      ),
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks for the code when none is given, and for a session UUID', async () => {
    await expect(testClient().checkVerificationCode(SESSION, '  ')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'code' });
    await expect(testClient().checkVerificationCode('', '123456')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'sessionUuid' });
  });

  it('every verification rule only matches texts that name its reason (property)', () => {
    const reasons = /already|attempt|validation|tries|expired|otp|code/i;
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const rule = VERIFY_CHECK_ERROR_TEXT_RULES.find((r) => r.pattern.test(text));
        if (rule) expect(text).toMatch(reasons);
      }),
    );
  });
});

describe('checkVerificationCodeOutcome (what hosts emit)', () => {
  it('turns a refusal into verified: false with the reason, and a match into verified: true', async () => {
    nock(API).post(`${SESSIONS}${SESSION}/`).reply(400, { api_id: 'x', error: 'invalid otp' });
    nock(API).post(`${SESSIONS}${SESSION}/`).reply(200, { api_id: 'y', message: 'session validated successfully.' });
    const wrong = await checkVerificationCodeOutcome(testClient(), SESSION, '111111');
    expect(wrong).toMatchObject({ sessionUuid: SESSION, verified: false, reason: 'VERIFICATION_CODE_WRONG', hint: ERROR_HINTS.VERIFICATION_CODE_WRONG });
    const right = await checkVerificationCodeOutcome(testClient(), SESSION, '123456');
    expect(right).toEqual({ id: SESSION, sessionUuid: SESSION, verified: true, reason: null, message: 'session validated successfully.', hint: null });
  });

  it('still throws what is not about the code: credentials', async () => {
    nock(API).post(`${SESSIONS}${SESSION}/`).reply(401, { api_id: 'x', error: 'authentication credentials are invalid' });
    await expect(checkVerificationCodeOutcome(testClient(), SESSION, '123456')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });
});

describe('getVerificationSession / listVerificationSessions', () => {
  it('reads a session in camelCase with its attempts and charges (status in lower case)', async () => {
    nock(API).get(`${SESSIONS}${SESSION}/`).reply(200, SESSION_RECORD);
    const session = await testClient().getVerificationSession(SESSION);
    expect(session).toMatchObject({
      sessionUuid: SESSION,
      recipient: '918707046406',
      status: 'verified',
      count: 1,
      destinationNetwork: 'Jio',
      attemptDetails: [{ channel: 'sms', status: 'delivered', attemptUuid: 'e2f66aeb-6b98-42a9-ba81-0aba74a7eb7c' }],
      charges: { totalCharge: '0.07100', validationCharge: '0.05', attemptCharges: [{ charge: '0.02100' }] },
    });
  });

  it('lists `sessions` across pages with Plivo\'s filters (recipient in E.164, times in UTC)', async () => {
    const page = (offset: number, next: string | null, sessions: unknown[] | null) => ({
      api_id: `p${offset}`,
      meta: { limit: 1, offset, next, previous: null },
      sessions,
    });
    const query = { status: 'verified', recipient: '+14155550123', session_time__gte: '2026-01-01 00:00:00', limit: '1' };
    nock(API).get(SESSIONS).query({ ...query, offset: '0' }).reply(200, page(0, `${SESSIONS}?offset=1`, [SESSION_RECORD]));
    nock(API)
      .get(SESSIONS)
      .query({ ...query, offset: '1' })
      .reply(200, page(1, null, [{ ...SESSION_RECORD, session_uuid: 'second' }]));
    const uuids: string[] = [];
    for await (const session of testClient().listVerificationSessions({
      status: 'verified',
      recipient: '+1 415 555 0123',
      sessionTimeGte: new Date('2026-01-01T00:00:00Z'),
      limit: 1,
    })) {
      uuids.push(session.sessionUuid);
    }
    expect(uuids).toEqual([SESSION, 'second']);
  });

  it('reads an empty list written as null', async () => {
    nock(API).get(SESSIONS).query(true).reply(200, { api_id: 'e', meta: { limit: 20, offset: 0, next: null, previous: null }, sessions: null });
    const page = await testClient().listVerificationSessionsPage();
    expect(page.items).toEqual([]);
  });

  it('refuses a status Plivo does not have', async () => {
    await expect(testClient().listVerificationSessionsPage({ status: 'done' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'status' });
  });
});
