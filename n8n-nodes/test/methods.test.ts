import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Workflow } from 'n8n-workflow';
import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { PlivoSmsApi } from '../credentials/PlivoSmsApi.credentials.js';
import { ACCOUNT_PATH, AUTH_ID, CREDENTIALS, PLIVO, loadOptions, nodeTypes } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const number = (digits: string, alias: string | null) => ({
  number: digits,
  alias,
  application: null,
  sms_enabled: true,
  mms_enabled: false,
  voice_enabled: true,
  number_type: 'local',
  country: 'United States',
});
const page = (objects: unknown[], offset: number, total: number) => ({
  api_id: 'n',
  meta: { limit: 20, offset, next: offset + objects.length < total ? '/next' : null, previous: null, total_count: total },
  objects,
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('number pickers', () => {
  it('Send\'s "From" list shows SMS-enabled numbers page by page and filters them', async () => {
    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/`)
      .query({ services: 'sms', limit: '20', offset: '0' })
      .reply(200, page([number('14155550100', 'Support'), number('14155550101', null)], 0, 22));

    const first = await loadOptions<INodeListSearchResult>('CUSTOM.plivoSms', 'listSearch', 'searchSmsNumbers', {}, undefined, undefined);
    expect(first).toEqual({
      results: [
        { name: '+14155550100 (Support)', value: '+14155550100' },
        { name: '+14155550101', value: '+14155550101' },
      ],
      paginationToken: '2',
    });

    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/`)
      .query({ services: 'sms', limit: '20', offset: '2' })
      .reply(200, page([number('14155550102', 'Sales'), number('14155550103', null)], 2, 4));
    const filtered = await loadOptions<INodeListSearchResult>('CUSTOM.plivoSms', 'listSearch', 'searchSmsNumbers', {}, 'sales', '2');
    expect(filtered).toEqual({ results: [{ name: '+14155550102 (Sales)', value: '+14155550102' }] });
  });

  it('the trigger\'s number choice lists every SMS-enabled number', async () => {
    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/`)
      .query({ services: 'sms', limit: '20', offset: '0' })
      .reply(200, page([number('14155550100', 'Support')], 0, 1));
    const options = await loadOptions<INodePropertyOptions[]>('CUSTOM.plivoSmsTrigger', 'loadOptions', 'getSmsNumbers', {});
    expect(options).toEqual([{ name: '+14155550100 (Support)', value: '+14155550100' }]);
  });
});

describe('credential', () => {
  it('tests the credential against the account endpoint of the configured base URL', () => {
    const credential = new PlivoSmsApi();
    const node = { id: 'n', name: 'n', type: 'CUSTOM.plivoSms', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
    const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
    const resolve = (value: string, credentials: Record<string, unknown>) =>
      workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');

    const request = credential.test.request;
    expect(request.method).toBe('GET');
    expect(resolve(request.url!, CREDENTIALS)).toBe(`/v1/Account/${AUTH_ID}/`);
    expect(resolve(request.baseURL!, CREDENTIALS)).toBe(PLIVO);
    expect(resolve(request.baseURL!, { ...CREDENTIALS, baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(credential.authenticate.properties.auth).toEqual({
      username: '={{$credentials.authId}}',
      password: '={{$credentials.authToken}}',
    });
  });
});
