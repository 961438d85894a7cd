import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PATH, AUTH_ID, AUTH_TOKEN, PLIVO, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const message = (uuid: string, extra: Record<string, unknown> = {}) => ({
  message_uuid: uuid,
  from_number: '14155550100',
  to_number: '14155550101',
  message_direction: 'outbound',
  message_state: 'delivered',
  message_type: 'sms',
  message_time: '2026-11-24 10:00:00+00:00',
  units: 1,
  total_amount: '0.00500',
  total_rate: '0.00500',
  error_code: '',
  ...extra,
});
const page = (objects: unknown[], next: string | null, total: number) => ({
  api_id: 'list',
  meta: { limit: 20, offset: 0, next, previous: null, total_count: total },
  objects,
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Message > Get', () => {
  it('gets a message by UUID, one output item per input item', async () => {
    nock(PLIVO).get(`${ACCOUNT_PATH}/Message/uuid-a/`).reply(200, message('uuid-a'));
    nock(PLIVO).get(`${ACCOUNT_PATH}/Message/uuid-b/`).reply(200, message('uuid-b', { message_state: 'failed', error_code: '30' }));

    const { output, error } = await runPlivoSms(
      { resource: 'message', operation: 'get', messageUuid: '={{ $json.uuid }}' },
      [{ uuid: 'uuid-a' }, { uuid: 'uuid-b' }],
    );

    expect(error).toBeUndefined();
    expect(output!.map((item) => [item.json.messageUuid, item.json.status, item.pairedItem])).toEqual([
      ['uuid-a', 'delivered', { item: 0 }],
      ['uuid-b', 'failed', { item: 1 }],
    ]);
    // The same flat message object the Zapier app emits: E.164 numbers and a readable delivery error.
    expect(output![1]!.json).toMatchObject({ errorCode: '30', errorReason: expect.stringMatching(/spam/i) });
    expect(String(output![0]!.json.to)).toMatch(/^\+\d+$/);
    expect(output![0]!.json).not.toHaveProperty('raw');
  });

  it('a missing message with continue-on-fail gives an error item for that item only', async () => {
    nock(PLIVO).get(`${ACCOUNT_PATH}/Message/gone/`).reply(404, { api_id: 'x', error: 'not found' });
    nock(PLIVO).get(`${ACCOUNT_PATH}/Message/uuid-a/`).reply(200, message('uuid-a'));

    const { output, error } = await runPlivoSms(
      { resource: 'message', operation: 'get', messageUuid: '={{ $json.uuid }}' },
      [{ uuid: 'gone' }, { uuid: 'uuid-a' }],
      { continueOnFail: true },
    );

    expect(error).toBeUndefined();
    expect(output![0]).toMatchObject({ json: { error: { code: 'NOT_FOUND' } }, pairedItem: { item: 0 } });
    expect(output![1]).toMatchObject({ json: { messageUuid: 'uuid-a' }, pairedItem: { item: 1 } });
  });
});

describe('Plivo SMS > secrets in errors', () => {
  const base64 = (text: string): string => Buffer.from(text).toString('base64');
  const forms = [AUTH_TOKEN, base64(`${AUTH_ID}:${AUTH_TOKEN}`), base64(AUTH_TOKEN), encodeURIComponent(AUTH_TOKEN)];
  const echoes = [
    `Basic ${base64(`${AUTH_ID}:${AUTH_TOKEN}`)}`,
    base64(AUTH_TOKEN),
    JSON.stringify({ request: { auth: AUTH_TOKEN } }),
    `https://x.example/?t=${encodeURIComponent(AUTH_TOKEN)}`,
  ];

  it.each(echoes)('an answer echoing the token (%s) shows it neither in the error item nor in the node error', async (echo) => {
    for (const continueOnFail of [true, false]) {
      nock(PLIVO).get(`${ACCOUNT_PATH}/Message/m-1/`).reply(400, { api_id: 'x', error: `rejected: ${echo}` });
      const { output, error } = await runPlivoSms({ resource: 'message', operation: 'get', messageUuid: 'm-1' }, [{}], { continueOnFail });
      const shown = [JSON.stringify(output ?? null), inspect(error, { depth: Infinity }), JSON.stringify(error ?? null)].join('\n');
      expect(continueOnFail ? output?.[0]?.json.error : error).toBeDefined();
      for (const form of forms) expect(shown).not.toContain(form);
    }
  });
});

describe('Plivo SMS > Message > Get Many', () => {
  it('applies the filters and stops at the limit', async () => {
    const scope = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ message_direction: 'outbound', message_state: 'delivered', to_number: '14155550101', limit: '20', offset: '0' })
      .reply(200, page([message('m1'), message('m2'), message('m3')], '/next', 40));

    const { output, error } = await runPlivoSms({
      resource: 'message',
      operation: 'getAll',
      returnAll: false,
      limit: 2,
      filters: { direction: 'outbound', state: 'delivered', toNumber: '+14155550101' },
    });

    expect(error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(output!.map((item) => item.json.messageUuid)).toEqual(['m1', 'm2']);
    expect(output!.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
  });

  it('returns every page with Return All', async () => {
    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ limit: '20', offset: '0' })
      .reply(200, page(Array.from({ length: 20 }, (_, i) => message(`a${i}`)), '/next', 23));
    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ limit: '20', offset: '20' })
      .reply(200, page([message('b0'), message('b1'), message('b2')], null, 23));

    const { output, error } = await runPlivoSms({ resource: 'message', operation: 'getAll', returnAll: true, filters: {} });

    expect(error).toBeUndefined();
    expect(output).toHaveLength(23);
    expect(output![22]!.json.messageUuid).toBe('b2');
  });
});

describe('Plivo SMS > Number > Look Up', () => {
  it('normalises the number with the default country and returns carrier, type, formats and porting', async () => {
    nock('https://lookup.plivo.com')
      .get('/v1/Number/+14155550101')
      .query({ type: 'carrier' })
      .reply(200, {
        api_id: 'lk',
        phone_number: '+14155550101',
        country: { name: 'United States', iso2: 'US', iso3: 'USA' },
        format: { e164: '+14155550101', national: '(415) 555-0101', international: '+1 415-555-0101', rfc3966: 'tel:+1-415-555-0101' },
        carrier: { mobile_country_code: '310', mobile_network_code: '150', name: 'AT&T', type: 'mobile', ported: 'no' },
      });

    const { output, error } = await runPlivoSms({ resource: 'number', operation: 'lookUp', number: '(415) 555-0101', defaultCountry: 'US' });

    expect(error).toBeUndefined();
    expect(output![0]!.json).toMatchObject({
      phoneNumber: '+14155550101',
      format: { national: '(415) 555-0101' },
      carrier: { name: 'AT&T', type: 'mobile', ported: 'no' },
    });
  });
});

describe('Plivo SMS > Text > Analyze', () => {
  it('reports encoding, parts, non-GSM characters and smart-encoding savings without any credential or request', async () => {
    const text = `“Hello” — it’s ${'x'.repeat(60)}`;
    const { output, error } = await runPlivoSms(
      { resource: 'text', operation: 'analyze', text: '={{ $json.text }}', smartEncoding: true },
      [{ text }, { text: 'plain' }],
      { credentials: null },
    );

    expect(error).toBeUndefined();
    expect(output![0]!.json).toMatchObject({
      encoding: 'UCS-2',
      segmentCount: 2,
      nonGsmCharacters: ['“', '”', '—', '’'],
      smartEncoding: { encoding: 'GSM-7', segmentCount: 1, savedSegments: 1 },
    });
    expect(output![1]).toMatchObject({ json: { encoding: 'GSM-7', segmentCount: 1, characterCount: 5 }, pairedItem: { item: 1 } });
  });
});
