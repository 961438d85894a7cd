// Shared by the Zapier app's tests: the app under Zapier's own tester, a fake account, and nock on Plivo's origins.
import { DEFAULT_PLIVO_API_URL, DEFAULT_PLIVO_LOOKUP_URL } from '@textbridge/core';
import nock from 'nock';
import zapier from 'zapier-platform-core';
import App from '../src/index.js';

export { App };
export const appTester = zapier.createAppTester(App);

export const AUTH_ID = 'MAZDQ1ZJIYMJNHNMXZNZ';
export const AUTH_TOKEN = 'ZapierTestAuthToken0123456789abcdefABCDEF';
export const BASIC = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`;
export const authData = { auth_id: AUTH_ID, auth_token: AUTH_TOKEN };
export const ACCOUNT_PATH = `/v1/Account/${AUTH_ID}`;

/** Plivo's API, answering only requests that carry exactly this connection's Basic auth header. */
export function plivoApi(): nock.Scope {
  return nock(DEFAULT_PLIVO_API_URL, { reqheaders: { authorization: BASIC } });
}

export function plivoLookup(): nock.Scope {
  return nock(DEFAULT_PLIVO_LOOKUP_URL, { reqheaders: { authorization: BASIC } });
}

/** Only nock answers; anything unexpected fails the test instead of reaching the network. */
export function isolateNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

export function resetNetwork(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Expected requests were not made: ${pending.join(', ')}`);
}

/** Zapier's errors carry a JSON message ({message, code, status} or {message, delay}). */
export function zapierErrorBody(error: unknown): Record<string, unknown> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    return JSON.parse(message) as Record<string, unknown>;
  } catch {
    return { message };
  }
}

/** Rejects unless `promise` rejects; returns the error. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the operation to fail, but it succeeded.');
}

export function messageRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    message_uuid: 'b7d4c0a2-1c2d-11ef-9a1c-0242ac110002',
    from_number: '14155552671',
    to_number: '14155550123',
    message_direction: 'outbound',
    message_state: 'delivered',
    message_type: 'sms',
    message_time: '2026-05-22 21:36:14+00:00',
    message_sent_time: '2026-05-22 21:36:15+00:00',
    message_updated_time: '2026-05-22 21:36:18+00:00',
    units: 1,
    total_amount: '0.00500',
    total_rate: '0.00500',
    error_code: '000',
    error_message: '',
    resource_uri: `${ACCOUNT_PATH}/Message/b7d4c0a2-1c2d-11ef-9a1c-0242ac110002/`,
    powerpack_id: null,
    destination_country_iso2: 'US',
    ...overrides,
  };
}

/** One page of a Plivo list answer holding every object given. */
export function listBody(objects: unknown[]): Record<string, unknown> {
  return {
    api_id: 'list-api-id',
    meta: { limit: 20, offset: 0, next: null, previous: null, total_count: objects.length },
    objects,
  };
}
