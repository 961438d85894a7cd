// Plivo SMS > Number > Check Wiring through n8n's engine: one item per number with its application and URL, compared
// with the expected webhook URL, and a clear failure for a bad URL.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PATH, PLIVO, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const HOOK = 'https://n8n.example.com/webhook/abc/plivo-sms';

function numberBody(number: string, appId: string | null) {
  return {
    api_id: 'n',
    number,
    alias: null,
    application: appId ? `${ACCOUNT_PATH}/Application/${appId}/` : null,
    sms_enabled: true,
    mms_enabled: false,
    voice_enabled: false,
    number_type: 'local',
    country: 'United States',
  };
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Number > Check Wiring', () => {
  it('outputs one item per account number: application, URL, status and whether it matches the expected URL', async () => {
    const api = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/`)
      .query(true)
      .reply(200, {
        api_id: 'l',
        meta: { limit: 20, offset: 0, next: null, previous: null, total_count: 4 },
        objects: [numberBody('14155550100', '11'), numberBody('14155550101', '22'), numberBody('14155550102', '33'), numberBody('14155550103', null)],
      })
      .get(`${ACCOUNT_PATH}/Application/11/`)
      .reply(200, { api_id: 'a', app_id: '11', app_name: 'textbridge-n8n-wf-1', message_url: HOOK, message_method: 'POST' })
      .get(`${ACCOUNT_PATH}/Application/22/`)
      .reply(200, { api_id: 'a', app_id: '22', app_name: 'crm', message_url: 'https://crm.example.com/sms', message_method: 'GET' })
      .get(`${ACCOUNT_PATH}/Application/33/`)
      .reply(404, { api_id: 'a', error: 'not found' });

    const { output, error } = await runPlivoSms({ resource: 'number', operation: 'checkWiring', expectedUrl: HOOK });
    expect(error).toBeUndefined();
    expect(api.isDone()).toBe(true);
    expect(output!.map((item) => item.json)).toEqual([
      { number: '+14155550100', appId: '11', appName: 'textbridge-n8n-wf-1', messageUrl: HOOK, messageMethod: 'POST', status: 'points-here', matches: true, textbridgeApp: true, expectedUrl: HOOK },
      { number: '+14155550101', appId: '22', appName: 'crm', messageUrl: 'https://crm.example.com/sms', messageMethod: 'GET', status: 'points-elsewhere', matches: false, textbridgeApp: false, expectedUrl: HOOK },
      { number: '+14155550102', appId: '33', appName: null, messageUrl: null, messageMethod: null, status: 'application-missing', matches: false, textbridgeApp: false, expectedUrl: HOOK },
      { number: '+14155550103', appId: null, appName: null, messageUrl: null, messageMethod: null, status: 'no-application', matches: false, textbridgeApp: false, expectedUrl: HOOK },
    ]);
    expect(output!.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
  });

  it('checks only the numbers given, and without an expected URL says only whether each is linked', async () => {
    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/14155550101/`)
      .reply(200, numberBody('14155550101', '22'))
      .get(`${ACCOUNT_PATH}/Application/22/`)
      .reply(200, { api_id: 'a', app_id: '22', app_name: 'crm', message_url: 'https://crm.example.com/sms' });
    const { output, error } = await runPlivoSms({ resource: 'number', operation: 'checkWiring', wiringNumbers: ' +1 415 555 0101 ,' });
    expect(error).toBeUndefined();
    expect(output!.map((item) => item.json)).toEqual([expect.objectContaining({ number: '+14155550101', status: 'linked', matches: null, expectedUrl: null })]);
  });

  it('fails with the field and what to write for an expected URL that is not one', async () => {
    const { error } = await runPlivoSms({ resource: 'number', operation: 'checkWiring', expectedUrl: 'n8n.example.com/webhook' });
    expect(error?.message).toContain('expectedUrl must be an http(s) URL');
  });
});
