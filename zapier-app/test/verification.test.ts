// Send Verification Code (create) and Check Verification Code (search) under Zapier's app tester, with Plivo's
// Verify API on nock: what each sends, what it returns, and which outcomes find nothing versus fail the step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendVerificationCode } from '../src/creates/send-verification-code.js';
import { checkVerificationCode } from '../src/searches/check-verification-code.js';
import { ACCOUNT_PATH, App, appTester, authData, failureOf, isolateNetwork, plivoApi, resetNetwork, zapierErrorBody } from './helpers.js';

const SESSIONS = `${ACCOUNT_PATH}/Verify/Session/`;
const SESSION = '8e712097-8090-4644-81e7-8f4265d8354e';

describe('Send Verification Code', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('is registered as a create, and Check Verification Code as a search', () => {
    expect(App.creates.send_verification_code?.display.label).toBe('Send Verification Code');
    expect(App.searches.check_verification_code?.display.label).toBe('Check Verification Code');
  });

  it('sends the number in E.164 with the options in Plivo names, and returns the session UUID', async () => {
    plivoApi()
      .post(SESSIONS, { recipient: '+14155550123', channel: 'voice', brand_name: 'Acme', code_length: 4, locale: 'es' })
      .reply(202, { api_id: 'send-1', message: 'Session initiated', session_uuid: SESSION });
    const result = await appTester(sendVerificationCode, {
      authData,
      inputData: { phone_number: '(415) 555-0123', default_country: 'us', channel: 'Voice', brand_name: 'Acme', code_length: '4', locale: 'es', app_uuid: '' },
    });
    expect(result).toEqual({
      id: SESSION,
      sessionUuid: SESSION,
      recipient: '+14155550123',
      channel: 'voice',
      message: 'Session initiated',
      apiId: 'send-1',
    });
  });

  it('names the field when the code length is out of range, before sending', async () => {
    const error = await failureOf(appTester(sendVerificationCode, { authData, inputData: { phone_number: '+14155550123', code_length: '12' } }));
    expect(zapierErrorBody(error)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(zapierErrorBody(error).message).toMatch(/codeLength must be between 4 and 8 digits/);
  });

  it('asks for the phone number when none is mapped', async () => {
    const error = await failureOf(appTester(sendVerificationCode, { authData, inputData: {} }));
    expect(zapierErrorBody(error).code).toBe('INVALID_PHONE_NUMBER');
  });
});

describe('Check Verification Code', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('finds the verification when the code is right', async () => {
    plivoApi().post(`${SESSIONS}${SESSION}/`, { otp: '123456' }).reply(200, { api_id: 'v-1', message: 'session validated successfully.' });
    const results = await appTester(checkVerificationCode, { authData, inputData: { session_uuid: SESSION, code: ' 123 456 ' } });
    expect(results).toEqual([
      { id: SESSION, sessionUuid: SESSION, verified: true, reason: null, message: 'session validated successfully.', hint: null },
    ]);
  });

  it.each([
    ['invalid otp'],
    ['session expired'],
    ['maximum validation attempts (10) reached for this session'],
  ])('finds nothing when Plivo answers "%s"', async (text) => {
    plivoApi().post(`${SESSIONS}${SESSION}/`).reply(400, { api_id: 'v-2', error: text });
    expect(await appTester(checkVerificationCode, { authData, inputData: { session_uuid: SESSION, code: '654321' } })).toEqual([]);
  });

  it('finds nothing for a code that cannot match, without asking Plivo', async () => {
    expect(await appTester(checkVerificationCode, { authData, inputData: { session_uuid: SESSION, code: 'abcdef' } })).toEqual([]);
  });

  it('fails the step for an unknown session or bad credentials, with the reason', async () => {
    plivoApi().post(`${SESSIONS}${SESSION}/`).reply(404, { api_id: 'v-3', error: 'not found' });
    const missing = await failureOf(appTester(checkVerificationCode, { authData, inputData: { session_uuid: SESSION, code: '123456' } }));
    expect(zapierErrorBody(missing)).toMatchObject({ code: 'NOT_FOUND', status: 404 });

    plivoApi().post(`${SESSIONS}${SESSION}/`).reply(401, { api_id: 'v-4', error: 'authentication credentials are invalid' });
    const denied = await failureOf(appTester(checkVerificationCode, { authData, inputData: { session_uuid: SESSION, code: '123456' } }));
    expect(denied.name).toBe('ExpiredAuthError');
  });
});
