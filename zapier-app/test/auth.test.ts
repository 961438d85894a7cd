import nock from 'nock';
import { connectionLabel, testConnection } from '../src/authentication.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_PATH,
  AUTH_ID,
  AUTH_TOKEN,
  BASIC,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  plivoApi,
  resetNetwork,
} from './helpers.js';

const ACCOUNT = {
  api_id: 'acc-api-id',
  auth_id: AUTH_ID,
  name: 'Acme Flowers',
  account_type: 'standard',
  cash_credits: '12.50000',
  timezone: 'America/Los_Angeles',
  resource_uri: `${ACCOUNT_PATH}/`,
};

describe('authentication', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('tests the connection by reading the account, sending exactly one Basic auth header', async () => {
    // plivoApi() matches the whole header value: a second Authorization header would be joined into it and fail.
    const scope = plivoApi().get(`${ACCOUNT_PATH}/`).reply(200, ACCOUNT);
    const result = await appTester(testConnection, { authData });
    expect(result).toEqual({ id: AUTH_ID, authId: AUTH_ID, name: 'Acme Flowers', accountType: 'standard', timezone: 'America/Los_Angeles' });
    expect(scope.isDone()).toBe(true);
    expect(JSON.stringify(result)).not.toContain(AUTH_TOKEN);
  });

  it('labels the connection with the account name and Auth ID, never the token', async () => {
    const label = await appTester(connectionLabel, {
      authData,
      inputData: { authId: AUTH_ID, name: 'Acme Flowers' },
    });
    expect(label).toBe(`Acme Flowers (${AUTH_ID})`);
    const unnamed = await appTester(connectionLabel, { authData, inputData: { authId: AUTH_ID, name: null } });
    expect(unnamed).toBe(AUTH_ID);
  });

  it('turns rejected credentials into an ExpiredAuthError with a hint, without the token', async () => {
    plivoApi().get(`${ACCOUNT_PATH}/`).reply(401, { error: `authentication failed for ${AUTH_TOKEN}` });
    const error = await failureOf(appTester(testConnection, { authData }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/401/);
    expect(error.message).toMatch(/Auth ID and Auth Token/);
    expect(error.message).not.toContain(AUTH_TOKEN);
  });

  it('sends the credentials to the base URL given for the sandbox, and nowhere else', async () => {
    const sandbox = 'http://127.0.0.1:4999';
    const scope = nock(sandbox, { reqheaders: { authorization: BASIC } })
      .get(`${ACCOUNT_PATH}/`)
      .reply(200, ACCOUNT);
    const result = await appTester(testConnection, { authData: { ...authData, base_url: `${sandbox}` } });
    expect(result).toMatchObject({ authId: AUTH_ID });
    expect(scope.isDone()).toBe(true);

    const elsewhere = nock('https://example.com', { badheaders: ['authorization'] }).get('/ping').reply(200, { ok: true });
    await appTester(async (z) => (await z.request({ url: 'https://example.com/ping' })).data, { authData });
    expect(elsewhere.isDone()).toBe(true);
  });

  it('reports an empty Auth ID as a clear error before calling Plivo', async () => {
    const error = await failureOf(appTester(testConnection, { authData: { auth_id: ' ', auth_token: AUTH_TOKEN } }));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(/authId/);
    expect(error.message).not.toContain(AUTH_TOKEN);
  });
});
