import { findMessage } from '../src/searches/find-message.js';
import { findNumberWiring } from '../src/searches/find-number-wiring.js';
import { lookupNumber } from '../src/searches/lookup-number.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PATH,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  messageRecord,
  plivoApi,
  plivoLookup,
  resetNetwork,
  zapierErrorBody,
} from './helpers.js';


const LOOKUP_ANSWER = {
  api_id: 'lookup-1',
  phone_number: '+14155550123',
  country: { name: 'United States', iso2: 'US', iso3: 'USA' },
  format: { e164: '+14155550123', national: '(415) 555-0123', international: '+1 415-555-0123', rfc3966: 'tel:+1-415-555-0123' },
  carrier: { mobile_country_code: '310', mobile_network_code: '410', name: 'Example Wireless', type: 'mobile', ported: 'no' },
  resource_uri: '/v1/Number/+14155550123?type=carrier',
};

describe('Look Up Phone Number', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('normalises the number with the default country and returns carrier facts', async () => {
    plivoLookup().get('/v1/Number/+14155550123').query({ type: 'carrier' }).reply(200, LOOKUP_ANSWER);
    const results = await appTester(lookupNumber, { authData, inputData: { number: '(415) 555-0123', default_country: 'US' } });
    expect(results).toEqual([
      {
        id: '+14155550123',
        phoneNumber: '+14155550123',
        countryName: 'United States',
        countryIso2: 'US',
        countryIso3: 'USA',
        nationalFormat: '(415) 555-0123',
        internationalFormat: '+1 415-555-0123',
        carrierName: 'Example Wireless',
        lineType: 'mobile',
        ported: 'no',
        mobileCountryCode: '310',
        mobileNetworkCode: '410',
      },
    ]);
  });

  it('finds nothing (rather than failing) for a number Plivo does not know', async () => {
    plivoLookup()
      .get('/v1/Number/+14155550199')
      .query(true)
      .reply(404, { api_id: 'lookup-2', error_code: 404, message: 'Phone number is invalid or does not exist.' });
    expect(await appTester(lookupNumber, { authData, inputData: { number: '+14155550199' } })).toEqual([]);
  });

  it('explains a number it cannot read, before paying for a lookup', async () => {
    const error = await failureOf(appTester(lookupNumber, { authData, inputData: { number: 'call me' } }));
    expect(zapierErrorBody(error).code).toBe('INVALID_PHONE_NUMBER');
  });
});

describe('Find Message', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('returns the message with E.164 numbers, ISO times and a readable delivery error', async () => {
    const uuid = 'c3a1e8d0-1c2d-11ef-9a1c-0242ac110005';
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/${uuid}/`)
      .reply(200, { api_id: 'get-1', ...messageRecord({ message_uuid: uuid, message_state: 'undelivered', error_code: '200' }) });
    const [message] = await appTester(findMessage, { authData, inputData: { message_uuid: ` ${uuid} ` } });
    expect(message).toMatchObject({
      id: uuid,
      messageUuid: uuid,
      from: '+14155552671',
      to: '+14155550123',
      direction: 'outbound',
      status: 'undelivered',
      errorCode: '200',
      messageTime: '2026-05-22T21:36:14.000Z',
    });
    expect(message?.errorReason).toMatch(/opt/i);
  });

  it('gives no error code for a delivered message', async () => {
    plivoApi().get(`${ACCOUNT_PATH}/Message/${'d'.repeat(8)}/`).reply(200, { api_id: 'get-2', ...messageRecord({ message_uuid: 'd'.repeat(8) }) });
    const [message] = await appTester(findMessage, { authData, inputData: { message_uuid: 'd'.repeat(8) } });
    expect(message).toMatchObject({ status: 'delivered', errorCode: null, errorReason: null });
  });

  it('finds nothing for an unknown UUID', async () => {
    plivoApi().get(`${ACCOUNT_PATH}/Message/nope/`).reply(404, { api_id: 'get-3', error: 'not found' });
    expect(await appTester(findMessage, { authData, inputData: { message_uuid: 'nope' } })).toEqual([]);
  });

  it('asks for a UUID when none is given', async () => {
    const error = await failureOf(appTester(findMessage, { authData, inputData: { message_uuid: '' } }));
    expect(error.name).toBe('AppError');
    expect(zapierErrorBody(error).message).toMatch(/messageUuid/);
  });
});

describe('Find Number Wiring', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  const HOOK = 'https://hooks.zapier.com/hooks/standard/123/abc/';
  const numberAnswer = (appId: string | null) => ({
    api_id: 'n',
    number: '14155552671',
    application: appId === null ? null : `${ACCOUNT_PATH}/Application/${appId}/`,
    sms_enabled: true,
    number_type: 'local',
  });

  it("shows the number's application and URL, and whether it is the expected one", async () => {
    plivoApi().get(`${ACCOUNT_PATH}/Number/14155552671/`).reply(200, numberAnswer('55'));
    plivoApi()
      .get(`${ACCOUNT_PATH}/Application/55/`)
      .reply(200, { api_id: 'a', app_id: '55', app_name: 'crm', message_url: 'https://crm.example.com/sms', message_method: 'POST' });
    const results = await appTester(findNumberWiring, { authData, inputData: { number: '+1 415 555 2671', expected_url: HOOK } });
    expect(results).toEqual([
      {
        id: '+14155552671',
        number: '+14155552671',
        appId: '55',
        appName: 'crm',
        messageUrl: 'https://crm.example.com/sms',
        messageMethod: 'POST',
        status: 'points-elsewhere',
        matches: false,
        textbridgeApp: false,
        expectedUrl: HOOK,
      },
    ]);
  });

  it('says when the number has no application, and finds nothing for a number the account does not have', async () => {
    plivoApi().get(`${ACCOUNT_PATH}/Number/14155552671/`).reply(200, numberAnswer(null));
    expect(await appTester(findNumberWiring, { authData, inputData: { number: '+14155552671' } })).toEqual([
      expect.objectContaining({ status: 'no-application', matches: null, expectedUrl: null }),
    ]);
    plivoApi().get(`${ACCOUNT_PATH}/Number/14155550000/`).reply(404, { api_id: 'n', error: 'not found' });
    expect(await appTester(findNumberWiring, { authData, inputData: { number: '+14155550000' } })).toEqual([]);
  });

  it('explains an expected URL that is not one', async () => {
    const error = await failureOf(appTester(findNumberWiring, { authData, inputData: { number: '+14155552671', expected_url: 'hooks.zapier.com' } }));
    expect(zapierErrorBody(error)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('must be an http(s) URL') });
  });
});
