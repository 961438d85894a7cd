// Delivery analytics: the pure aggregator (every total accounts for every message), exact money sums, and the
// window query the hosts call.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildDeliveryReport,
  createDecimalSum,
  summarizeDelivery,
  type ListMessagesFilters,
  type ReportedMessage,
} from '../../src/index.js';

function message(overrides: Partial<ReportedMessage> = {}): ReportedMessage {
  return {
    messageState: 'delivered',
    messageType: 'sms',
    errorCode: '000',
    toNumber: '14155550100',
    destinationCountryIso2: 'US',
    units: 1,
    totalAmount: '0.00500',
    messageTime: '2024-05-01 10:00:00+00:00',
    messageUpdatedTime: '2024-05-01 10:00:02+00:00',
    ...overrides,
  };
}

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const states = fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'rejected', 'received', 'weird');
const codes = fc.constantFrom(null, '000', '0', '', '20', '50', '200', '0200', '7777');
const amounts = fc.oneof(
  fc.constant(null),
  fc.constant('n/a'),
  fc.tuple(fc.nat(3), fc.nat(99_999)).map(([whole, fraction]) => `${whole}.${String(fraction).padStart(5, '0')}`),
);
const messages = fc.array(
  fc.record({
    messageState: states,
    messageType: fc.constantFrom('sms', 'mms', null),
    errorCode: codes,
    toNumber: fc.constantFrom('14155550100', '447700900123', '33612345678', 'garbage'),
    destinationCountryIso2: fc.constantFrom(null, 'US', 'gb', ''),
    units: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 10 })),
    totalAmount: amounts,
    messageTime: fc.constantFrom(null, '2024-05-01 10:00:00+00:00', 'not a time'),
    messageUpdatedTime: fc.constantFrom(null, '2024-05-01 10:00:03.250000+00:00', '2024-05-01 09:00:00+00:00'),
  }),
  { maxLength: 60 },
);

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

describe('summarizeDelivery', () => {
  it('accounts for every message in each grouping, for any messages', async () => {
    await fc.assert(
      fc.asyncProperty(messages, async (list) => {
        const report = await summarizeDelivery(stream(list));
        expect(report.messages).toBe(list.length);
        expect(sum(Object.values(report.byStatus))).toBe(list.length);
        expect(sum(report.byCountry.map((c) => c.messages))).toBe(list.length);
        expect(sum(report.bySegments.map((s) => s.messages))).toBe(list.length);
        const unclassified = list.filter((m) => ['received', 'weird'].includes(m.messageState)).length;
        expect(report.delivered + report.failed + report.pending + unclassified).toBe(list.length);
        expect(sum(report.byCountry.map((c) => c.delivered))).toBe(report.delivered);
        expect(sum(report.byCountry.map((c) => c.failed))).toBe(report.failed);
        const withError = list.filter((m) => m.errorCode !== null && !/^0*$/.test(m.errorCode)).length;
        expect(sum(report.byErrorCode.map((e) => e.messages))).toBe(withError);
        expect(report.cost.units).toBe(sum(list.map((m) => m.units ?? 0)));
        const cents = list.map((m) => (m.totalAmount && /^\d/.test(m.totalAmount) ? BigInt(m.totalAmount.replace('.', '')) : 0n));
        expect(BigInt(report.cost.totalAmount.replace('.', ''))).toBe(cents.reduce((a, b) => a + b, 0n));
        expect(report.cost.messagesWithoutAmount).toBe(list.filter((m) => m.totalAmount === null || m.totalAmount === 'n/a').length);
        if (report.deliveryRate !== null) expect(report.deliveryRate).toBeGreaterThanOrEqual(0);
        if (report.deliveryRate !== null) expect(report.deliveryRate).toBeLessThanOrEqual(1);
        const { p50Seconds, p95Seconds, measured } = report.timeToDelivered;
        expect(p50Seconds === null).toBe(measured === 0);
        if (p50Seconds !== null && p95Seconds !== null) expect(p50Seconds).toBeLessThanOrEqual(p95Seconds);
      }),
    );
  });

  it('totals statuses, explains error codes, finds countries and times deliveries', async () => {
    const report = await summarizeDelivery([
      message(),
      message({ messageUpdatedTime: '2024-05-01 10:00:04.500000+00:00', units: 2, totalAmount: '0.01000' }),
      message({ messageState: 'undelivered', errorCode: '80', destinationCountryIso2: null, toNumber: '33612345678', messageUpdatedTime: '2024-05-01 10:01:00+00:00' }),
      message({ messageState: 'failed', errorCode: '50', units: 1, totalAmount: '0.00000' }),
      message({ messageState: 'sent', errorCode: null, messageType: 'mms', totalAmount: '0.02000' }),
    ]);
    expect(report).toMatchObject({
      messages: 5,
      byStatus: { delivered: 2, undelivered: 1, failed: 1, sent: 1, queued: 0, read: 0, rejected: 0 },
      delivered: 2,
      failed: 2,
      pending: 1,
      deliveryRate: 0.5,
      byErrorCode: [
        { code: '50', messages: 1, permanent: true, reason: expect.stringMatching(/^Invalid destination number/) },
        { code: '80', messages: 1, permanent: false, reason: expect.stringMatching(/^Destination temporarily unavailable/) },
      ],
      byCountry: [
        { country: 'US', messages: 4, delivered: 2, failed: 1, deliveryRate: 0.6667 },
        { country: 'FR', messages: 1, delivered: 0, failed: 1, deliveryRate: 0 },
      ],
      bySegments: [
        { type: 'mms', segments: 1, messages: 1 },
        { type: 'sms', segments: 1, messages: 3 },
        { type: 'sms', segments: 2, messages: 1 },
      ],
      cost: { units: 6, totalAmount: '0.04000', messagesWithoutAmount: 0 },
      // Only the delivered ones: 2 s and 4.5 s.
      timeToDelivered: { measured: 2, p50Seconds: 2, p95Seconds: 4.5, unavailable: null },
    });
  });

  it('says why p50/p95 are unavailable instead of inventing them, and reports nothing for nothing', async () => {
    const report = await summarizeDelivery(stream([message({ messageUpdatedTime: null }), message({ messageState: 'sent' })]));
    expect(report.timeToDelivered).toMatchObject({ measured: 0, p50Seconds: null, p95Seconds: null, unavailable: expect.stringContaining('message_updated_time') });
    const empty = await summarizeDelivery([]);
    expect(empty).toMatchObject({ messages: 0, deliveryRate: null, byErrorCode: [], byCountry: [], cost: { units: 0, totalAmount: '0.00000' } });
  });

  it('names an unknown error code rather than dropping it', async () => {
    const report = await summarizeDelivery([message({ messageState: 'failed', errorCode: '7777' })]);
    expect(report.byErrorCode).toEqual([{ code: '7777', messages: 1, permanent: false, reason: expect.stringContaining('7777') }]);
  });
});

describe('createDecimalSum', () => {
  it('adds decimal text exactly, at the finest precision seen', () => {
    const total = createDecimalSum(5);
    for (let i = 0; i < 10_000; i++) total.add('0.00010');
    expect(total.toString()).toBe('1.00000');
    expect(total.add('-0.0000001')).toBe(true);
    expect(total.toString()).toBe('0.9999999');
    expect(total.add('1e-3')).toBe(false);
    expect(total.toString()).toBe('0.9999999');
  });

  it('agrees with integer arithmetic for any amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })), (values) => {
        const total = createDecimalSum(5);
        for (const value of values) {
          const abs = (value < 0n ? -value : value).toString().padStart(6, '0');
          total.add(`${value < 0n ? '-' : ''}${abs.slice(0, -5)}.${abs.slice(-5)}`);
        }
        const expected = values.reduce((a, b) => a + b, 0n);
        const [whole = '', fraction = ''] = total.toString().replace('-', '').split('.');
        const got = BigInt(whole + fraction) * (total.toString().startsWith('-') ? -1n : 1n);
        expect(got).toBe(expected);
      }),
    );
  });
});

describe('buildDeliveryReport', () => {
  function fakeClient(list: ReportedMessage[]) {
    const calls: ListMessagesFilters[] = [];
    return {
      calls,
      client: {
        listMessages(filters?: ListMessagesFilters) {
          calls.push(filters ?? {});
          return stream(list) as never;
        },
      },
    };
  }

  it('lists the window’s outbound messages from the sender and summarizes them', async () => {
    const { client, calls } = fakeClient([message(), message({ messageState: 'failed', errorCode: '90' })]);
    const report = await buildDeliveryReport(client, { from: '2024-05-01T00:00:00+02:00', to: new Date('2024-05-02T00:00:00Z'), sender: ' +1 415 555 2671 ' });
    expect(calls).toEqual([
      { direction: 'outbound', messageTimeGte: '2024-04-30T22:00:00.000Z', messageTimeLt: '2024-05-02T00:00:00.000Z', fromNumber: '+14155552671' },
    ]);
    expect(report).toMatchObject({
      window: { from: '2024-04-30T22:00:00.000Z', to: '2024-05-02T00:00:00.000Z' },
      sender: '+14155552671',
      messages: 2,
      deliveryRate: 0.5,
    });
  });

  it('leaves the sender out when it is empty', async () => {
    const { client, calls } = fakeClient([]);
    const report = await buildDeliveryReport(client, { from: '2024-05-01', to: '2024-05-02', sender: '' });
    expect(calls[0]).not.toHaveProperty('fromNumber');
    expect(report.sender).toBeNull();
  });

  it('rejects a bad window or sender with the field named, before listing anything', async () => {
    const { client, calls } = fakeClient([]);
    await expect(buildDeliveryReport(client, { from: '2024-05-02', to: '2024-05-01' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'from',
      message: expect.stringContaining('must be before to'),
    });
    await expect(buildDeliveryReport(client, { from: 'yesterday', to: '2024-05-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
    await expect(buildDeliveryReport(client, { from: '2024-05-01' } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    await expect(buildDeliveryReport(client, { from: '2024-05-01', to: '2024-05-02', sender: '+1 (555) nope' })).rejects.toMatchObject({ code: 'INVALID_SENDER', field: 'sender' });
    expect(calls).toEqual([]);
  });

  it('names the host’s own fields in its errors', async () => {
    const { client } = fakeClient([]);
    const labels = { from: 'fromTime', to: 'toTime', sender: 'sender_id' };
    await expect(buildDeliveryReport(client, { from: '', to: '2024-05-01' }, { labels })).rejects.toMatchObject({
      field: 'fromTime',
      message: expect.stringMatching(/^Delivery report: fromTime /),
    });
    await expect(buildDeliveryReport(client, { from: '2024-05-01', to: 'soon' }, { labels })).rejects.toMatchObject({ field: 'toTime' });
    await expect(buildDeliveryReport(client, { from: '2024-05-01', to: '2024-05-02', sender: '12' }, { labels })).rejects.toMatchObject({
      code: 'INVALID_SENDER',
      field: 'sender_id',
    });
  });
});
