import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PATH, PLIVO, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const message = (uuid: string, extra: Record<string, unknown> = {}) => ({
  message_uuid: uuid,
  from_number: '14155550100',
  to_number: '14155550101',
  message_direction: 'outbound',
  message_state: 'delivered',
  message_type: 'sms',
  message_time: '2026-11-24 10:00:00+00:00',
  message_updated_time: '2026-11-24 10:00:03+00:00',
  units: 1,
  total_amount: '0.00500',
  total_rate: '0.00500',
  error_code: '000',
  destination_country_iso2: 'US',
  ...extra,
});
const page = (objects: unknown[], next: string | null, total: number) => ({
  api_id: 'list',
  meta: { limit: 20, offset: 0, next, previous: null, total_count: total },
  objects,
});
const WINDOW = {
  message_direction: 'outbound',
  from_number: '14155550100',
  message_time__gte: '2026-11-24 00:00:00',
  message_time__lt: '2026-11-25 00:00:00',
  limit: '20',
};

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Message > Summarize', () => {
  it('pages through the window (waiting out a 429) and returns one item with the report', async () => {
    const first = Array.from({ length: 20 }, (_, i) =>
      i < 17 ? message(`d${i}`) : message(`u${i}`, { message_state: 'undelivered', error_code: '30', to_number: '447700900123', destination_country_iso2: 'GB' }),
    );
    const scope = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, offset: '0' })
      .reply(200, page(first, '/next', 22))
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, offset: '20' })
      .reply(429, { api_id: 'slow', error: 'too many requests' }, { 'Retry-After': '0' })
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, offset: '20' })
      .reply(200, page([message('m20', { units: 2, total_amount: '0.01000' }), message('m21', { message_state: 'sent', error_code: null })], null, 22));

    const { output, error } = await runPlivoSms({
      resource: 'message',
      operation: 'summarize',
      fromTime: '2026-11-24T00:00:00Z',
      toTime: '2026-11-25T00:00:00Z',
      sender: { mode: 'id', value: '+1 415 555 0100' },
    });

    expect(error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(output).toHaveLength(1);
    expect(output![0]!.json).toMatchObject({
      window: { from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' },
      sender: '+14155550100',
      messages: 22,
      byStatus: { delivered: 18, undelivered: 3, sent: 1, failed: 0 },
      deliveryRate: 0.8571,
      byErrorCode: [{ code: '30', messages: 3, reason: expect.stringMatching(/spam/i), permanent: true }],
      byCountry: [
        { country: 'US', messages: 19, delivered: 18 },
        { country: 'GB', messages: 3, failed: 3 },
      ],
      bySegments: [
        { type: 'sms', segments: 1, messages: 21 },
        { type: 'sms', segments: 2, messages: 1 },
      ],
      cost: { units: 23, totalAmount: '0.11500' },
      timeToDelivered: { measured: 18, p50Seconds: 3, p95Seconds: 3 },
    });
  });

  it('takes the window from expressions giving Luxon DateTimes, and reports an empty window', async () => {
    const scope = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ message_direction: 'outbound', message_time__gte: '2026-11-23 22:00:00', message_time__lt: '2026-11-24 12:00:00', limit: '20', offset: '0' })
      .reply(200, page([], null, 0));

    const { output, error } = await runPlivoSms({
      resource: 'message',
      operation: 'summarize',
      fromTime: "={{ DateTime.fromISO('2026-11-24T00:00:00+02:00') }}",
      toTime: "={{ DateTime.fromISO('2026-11-24T12:00:00Z') }}",
    });

    expect(error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(output![0]!.json).toMatchObject({ messages: 0, sender: null, deliveryRate: null, timeToDelivered: { p50Seconds: null } });
  });

  it('a window that ends before it starts is an error item naming the field, with nothing listed', async () => {
    const { output, error } = await runPlivoSms(
      { resource: 'message', operation: 'summarize', fromTime: '2026-11-25T00:00:00Z', toTime: '2026-11-24T00:00:00Z' },
      [{}],
      { continueOnFail: true },
    );
    expect(error).toBeUndefined();
    expect(output![0]!.json).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'fromTime', message: expect.stringContaining('fromTime') } });
  });
});
