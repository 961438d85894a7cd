// Shared credentials and Plivo payloads (shapes from Plivo's docs and SDK test fixtures) for the client tests.
import nock from 'nock';
import { createPlivoClient, type PlivoClient, type PlivoClientOptions, type RetryOptions } from '../../src/index.js';

export const AUTH_ID = 'MAZDQ1ZJI0YZLMNZQ2OT';
export const AUTH_TOKEN = 'Zjk1N2I0MDk4YzU2OGFhZmE5NDI1NDZkMjU4MzM0';
export const BASIC = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`;
export const API = 'https://api.plivo.com';
export const LOOKUP = 'https://lookup.plivo.com';
export const ACCOUNT = `/v1/Account/${AUTH_ID}`;

/** Retries that never wait: the injected sleep records each delay instead. */
export function instantRetry(extra: RetryOptions = {}): { retry: RetryOptions; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    retry: {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      ...extra,
    },
  };
}

export function testClient(options: Partial<PlivoClientOptions> = {}): PlivoClient {
  return createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, retry: instantRetry().retry, ...options });
}

/** A nock scope on the API that insists on Basic auth, like Plivo. */
export function plivoApi(origin = API): nock.Scope {
  return nock(origin).matchHeader('authorization', BASIC);
}

/** Fails the test if any string in `value` (or its JSON) contains the token or its Basic encoding. */
export function leakedSecrets(value: unknown): string[] {
  const error = value as { message?: string; hint?: string; plivoError?: string; details?: unknown; toJSON?: () => unknown };
  const texts = [
    String(error?.message ?? ''),
    String(error?.hint ?? ''),
    String(error?.plivoError ?? ''),
    JSON.stringify(error?.details ?? null),
    JSON.stringify(typeof error?.toJSON === 'function' ? error.toJSON() : value),
    String((value as { stack?: string })?.stack ?? ''),
  ].join('\n');
  const basic = BASIC.slice('Basic '.length);
  return [AUTH_TOKEN, basic].filter((secret) => texts.includes(secret));
}

export const SEND_ANSWER = {
  api_id: 'db342550-7f1d-11e1-8ea7-1231380bc196',
  message: 'message(s) queued',
  message_uuid: ['db3ce55a-7f1d-11e1-8ea7-1231380bc196'],
};

export const MESSAGE_RECORD = {
  api_id: '035eeada-6df1-11e6-b608-06a72a185e87',
  error_code: '000',
  from_number: '14155550100',
  message_direction: 'outbound',
  message_state: 'delivered',
  message_time: '2017-05-22 21:36:14+05:30',
  message_type: 'sms',
  message_uuid: '5b40a428-bfc7-4daf-9d06-726c558bf3b8',
  resource_uri: `/v1/Account/${AUTH_ID}/Message/5b40a428-bfc7-4daf-9d06-726c558bf3b8/`,
  to_number: '14155550123',
  total_amount: '0.00250',
  total_rate: '0.00250',
  units: 1,
  powerpack_id: null,
  destination_country_iso2: 'US',
  requester_ip: '192.0.2.10',
  is_domestic: true,
  replaced_sender: '',
  conversation_id: '',
};

export function messageRecord(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const uuid = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  const { api_id: _apiId, ...record } = MESSAGE_RECORD;
  return { ...record, message_uuid: uuid, resource_uri: `${ACCOUNT}/Message/${uuid}/`, ...overrides };
}

export function listAnswer(objects: unknown[], meta: { limit: number; offset: number; total: number; path: string }) {
  const next = meta.offset + meta.limit < meta.total ? `${meta.path}?limit=${meta.limit}&offset=${meta.offset + meta.limit}` : null;
  const previous = meta.offset > 0 ? `${meta.path}?limit=${meta.limit}&offset=${Math.max(0, meta.offset - meta.limit)}` : null;
  return {
    api_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    meta: { limit: meta.limit, next, offset: meta.offset, previous, total_count: meta.total },
    objects,
  };
}

export const LOOKUP_ANSWER = {
  api_id: '6cd8e4a2-9e9e-11ec-b6a6-0242ac110002',
  phone_number: '+14154305555',
  country: { name: 'United States', iso2: 'US', iso3: 'USA' },
  format: {
    e164: '+14154305555',
    national: '(415) 430-5555',
    international: '+1 415-430-5555',
    rfc3966: 'tel:+1-415-430-5555',
  },
  carrier: {
    mobile_country_code: '310',
    mobile_network_code: '160',
    name: 'T-Mobile USA, Inc.',
    type: 'mobile',
    ported: 'no',
  },
  resource_uri: '/v1/Number/+14154305555?type=carrier',
};

export const ACCOUNT_ANSWER = {
  account_type: 'standard',
  address: '',
  api_id: '9c7e2b2e-6df1-11e6-b608-06a72a185e87',
  auth_id: AUTH_ID,
  auto_recharge: false,
  billing_mode: 'prepaid',
  cash_credits: '23.60210',
  city: '',
  name: 'Textbridge Test',
  resource_uri: `/v1/Account/${AUTH_ID}/`,
  state: '',
  timezone: 'America/Los_Angeles',
};

export const NUMBER_RECORD = {
  added_on: '2021-03-01',
  alias: 'Support line',
  application: `/v1/Account/${AUTH_ID}/Application/29986316226590032/`,
  carrier: 'Plivo',
  country: 'United States',
  monthly_rental_rate: '0.80000',
  number: '14155550100',
  number_type: 'local',
  region: 'California, UNITED STATES',
  resource_uri: `/v1/Account/${AUTH_ID}/Number/14155550100/`,
  sms_enabled: true,
  sms_rate: '0.00000',
  sub_account: null,
  voice_enabled: true,
  voice_rate: '0.00850',
  mms_enabled: true,
};

export const APPLICATION_RECORD = {
  answer_method: 'GET',
  answer_url: 'https://example.com/answer',
  app_id: '29986316226590032',
  app_name: 'textbridge-inbound',
  default_app: false,
  enabled: true,
  fallback_answer_url: '',
  fallback_method: 'POST',
  hangup_method: 'POST',
  hangup_url: 'https://example.com/answer',
  log_incoming_messages: true,
  message_method: 'POST',
  message_url: 'https://hooks.example.com/plivo/inbound',
  public_uri: false,
  resource_uri: `/v1/Account/${AUTH_ID}/Application/29986316226590032/`,
  sip_uri: 'sip:29986316226590032@app.plivo.com',
  sub_account: null,
};
