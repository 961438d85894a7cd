import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryReport } from '../src/searches/delivery-report.js';
import {
  ACCOUNT_PATH,
  App,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  listBody,
  messageRecord,
  plivoApi,
  resetNetwork,
  zapierErrorBody,
} from './helpers.js';

const WINDOW = { message_direction: 'outbound', message_time__gte: '2026-05-22 00:00:00', message_time__lt: '2026-05-23 00:00:00', limit: '20' };

describe('Delivery Report', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('pages through the window and returns one report with totals, reasons, countries, cost and timing', async () => {
    const first = Array.from({ length: 20 }, (_, i) => messageRecord({ message_uuid: `m${i}` }));
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, offset: '0' })
      .reply(200, { ...listBody(first), meta: { limit: 20, offset: 0, next: '/next', previous: null, total_count: 22 } })
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, offset: '20' })
      .reply(200, {
        ...listBody([
          messageRecord({ message_uuid: 'x1', message_state: 'undelivered', error_code: '200', to_number: '33612345678', destination_country_iso2: null }),
          messageRecord({ message_uuid: 'x2', message_state: 'failed', error_code: '450', units: 2, total_amount: '0.00000' }),
        ]),
        meta: { limit: 20, offset: 20, next: null, previous: null, total_count: 22 },
      });

    const results = await appTester(deliveryReport, { authData, inputData: { from_time: '2026-05-22T00:00:00Z', to_time: '2026-05-23T00:00:00Z', sender: '' } });

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      id: '2026-05-22T00:00:00.000Z/2026-05-23T00:00:00.000Z/all',
      windowFrom: '2026-05-22T00:00:00.000Z',
      windowTo: '2026-05-23T00:00:00.000Z',
      sender: null,
      messages: 22,
      byStatus: { delivered: 20, undelivered: 1, failed: 1 },
      statusDelivered: 20,
      statusUndelivered: 1,
      statusFailed: 1,
      statusQueued: 0,
      deliveryRate: 0.9091,
      byErrorCode: [
        { code: '200', messages: 1, reason: expect.stringMatching(/opted out/i) },
        { code: '450', messages: 1, reason: expect.stringMatching(/geo permissions/i) },
      ],
      byCountry: [
        { country: 'US', messages: 21 },
        { country: 'FR', messages: 1 },
      ],
      units: 23,
      totalAmount: '0.10500',
      // messageRecord: queued 21:36:14, updated 21:36:18.
      deliveriesTimed: 20,
      timeToDeliveredP50Seconds: 4,
      timeToDeliveredP95Seconds: 4,
    });
  });

  it('filters by sender in Plivo’s number format', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query({ ...WINDOW, from_number: '14155552671', offset: '0' })
      .reply(200, listBody([]));
    const [report] = await appTester(deliveryReport, {
      authData,
      inputData: { from_time: '2026-05-22T00:00:00Z', to_time: '2026-05-23T00:00:00Z', sender: '+1 (415) 555-2671' },
    });
    expect(report).toMatchObject({ sender: '+14155552671', messages: 0, deliveryRate: null, timeToDeliveredP50Seconds: null, timeToDeliveredUnavailable: expect.stringContaining('delivered') });
  });

  it('explains a window that ends before it starts, naming the field, without calling Plivo', async () => {
    const error = await failureOf(
      appTester(deliveryReport, { authData, inputData: { from_time: '2026-05-23T00:00:00Z', to_time: '2026-05-22T00:00:00Z' } }),
    );
    expect(zapierErrorBody(error)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('from_time (2026-05-23T00:00:00.000Z) must be before to_time') });
  });

  it('is registered with a sample holding every output field', () => {
    const search = App.searches!.delivery_report!;
    const sample = search.operation.sample as Record<string, unknown>;
    for (const field of search.operation.outputFields as { key: string }[]) {
      const [head, item] = field.key.split('[]');
      const value = sample[head!.replace(/__.*/, '')];
      expect(value, field.key).toBeDefined();
      if (item !== undefined) expect((value as Record<string, unknown>[])[0], field.key).toHaveProperty(item);
      if (head!.includes('__')) expect(value, field.key).toHaveProperty(head!.split('__')[1]!);
    }
  });
});
