// The delivery report over the sandbox at 10,000 messages: every page is listed, the window and sender filters
// hold, and every total matches what the sandbox's carrier did to each message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeliveryReport, createPlivoClient, sendBulk, type PlivoClient, type Sandbox } from '../../src/index.js';
import type { SandboxMessage } from '../../src/sandbox/state.js';
import { startTestSandbox, waitFor } from './helpers.js';

const SENDER = '+14155552671';
const OTHER_SENDER = '+18885550199';
/** 9,000 US and 1,000 UK destinations; the sandbox's rule suffixes (…0920, …0950, …0999, …) fail or stall a few. */
const DESTINATIONS = [
  // +1 415 555 0000…9000 but the sender itself (Plivo refuses sending to yourself).
  ...Array.from({ length: 9001 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`).filter((dst) => dst !== SENDER),
  ...Array.from({ length: 1000 }, (_, i) => `+447700900${String(i).padStart(3, '0')}`),
];
/** One segment GSM-7, two segments GSM-7, one segment UCS-2. */
const TEXTS = ['Your order shipped.', `Long notice: ${'x'.repeat(170)}`, 'Ваш заказ отправлен'];
/** Destinations the sandbox never finishes (no delivery report; queued until expiry). */
const NEVER_FINAL = /(0999|0420)$/;

let sandbox: Sandbox;
let client: PlivoClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
});
afterAll(() => sandbox.stop());

/** Waits until a new millisecond, so messages before and after a window edge have different times. */
async function nextMillisecond(): Promise<Date> {
  const start = Date.now();
  await waitFor(() => Date.now() > start + 1, 1000, 'the clock to move');
  return new Date();
}

function send(src: string, dsts: readonly string[]) {
  return sendBulk(
    client,
    dsts.map((dst, i) => ({ src, dst, text: TEXTS[i % TEXTS.length]! })),
    { maxRequestsPerSecond: 100_000, concurrency: 20 },
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('delivery report against the sandbox', () => {
  it('summarizes 10,000 messages across 500 pages, only those in the window and from the sender', async () => {
    await send(SENDER, ['+14155550001', '+14155550002']); // before the window
    const from = await nextMillisecond();
    const results = await send(SENDER, DESTINATIONS);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    await send(OTHER_SENDER, ['+14155550003', '+14155550004', '+14155550005']); // in the window, another sender
    const to = await nextMillisecond();
    await send(SENDER, ['+14155550006']); // after the window

    const inWindow = (m: SandboxMessage) => m.createdAt >= from.getTime() && m.createdAt < to.getTime();
    const ours = () => sandbox.state.messages.filter((m) => inWindow(m) && m.src === SENDER.slice(1));
    await waitFor(
      () => ours().every((m) => NEVER_FINAL.test(m.dst) || ['delivered', 'undelivered', 'failed'].includes(m.status)),
      120_000,
      'the carrier to finish',
    );
    const expected = ours();
    expect(expected).toHaveLength(10_000);

    const report = await buildDeliveryReport(client, { from, to, sender: SENDER });
    expect(report.messages).toBe(10_000);
    expect(report.sender).toBe(SENDER);
    const statuses = countBy(expected, (m) => m.status);
    for (const [status, count] of Object.entries(report.byStatus)) expect([status, count]).toEqual([status, statuses[status] ?? 0]);
    expect(report.delivered).toBe(statuses.delivered);
    expect(report.failed).toBe((statuses.failed ?? 0) + (statuses.undelivered ?? 0));
    expect(report.failed).toBeGreaterThan(0);
    expect(report.deliveryRate).toBe(Math.round((report.delivered / (report.delivered + report.failed)) * 10_000) / 10_000);

    const errors = countBy(expected.filter((m) => m.errorCode !== null && m.errorCode !== '000'), (m) => m.errorCode!);
    expect(Object.fromEntries(report.byErrorCode.map((e) => [e.code, e.messages]))).toEqual(errors);
    expect(report.byErrorCode.every((e) => e.reason.length > 20)).toBe(true);
    expect(Object.fromEntries(report.byCountry.map((c) => [c.country, c.messages]))).toEqual({ US: 9000, GB: 1000 });
    expect(Object.fromEntries(report.bySegments.map((s) => [`${s.type}/${s.segments}`, s.messages]))).toEqual(
      countBy(expected, (m) => `${m.type}/${m.units}`),
    );
    expect(report.cost.units).toBe(expected.reduce((sum, m) => sum + m.units, 0));
    const amount = expected.reduce((sum, m) => sum + BigInt(m.totalAmount.replace('.', '')), 0n);
    expect(BigInt(report.cost.totalAmount.replace('.', ''))).toBe(amount);
    expect(report.timeToDelivered.measured).toBe(statuses.delivered);
    expect(report.timeToDelivered.p50Seconds).not.toBeNull();
    expect(report.timeToDelivered.p95Seconds!).toBeGreaterThanOrEqual(report.timeToDelivered.p50Seconds!);

    const everySender = await buildDeliveryReport(client, { from, to });
    expect(everySender.messages).toBe(10_003);
  }, 300_000);

  it('waits out the List Messages limit between pages and still counts every message', async () => {
    const limited = await startTestSandbox({ rateLimit: { requests: 300, windowMs: 5000, listMessages: { requests: 3, windowMs: 1000 } } });
    try {
      const limitedClient = createPlivoClient({ authId: limited.authId, authToken: limited.authToken, baseUrl: limited.url });
      const from = new Date(Date.now() - 1000);
      const dsts = Array.from({ length: 200 }, (_, i) => `+1415555${String(5000 + i)}`);
      const results = await sendBulk(limitedClient, dsts.map((dst) => ({ src: SENDER, dst, text: 'Hi' })));
      expect(results.every((result) => result.ok)).toBe(true);
      const retries: string[] = [];
      const report = await buildDeliveryReport(
        limitedClient,
        { from, to: new Date(Date.now() + 60_000) },
        { onRetry: (info) => retries.push(info.error.code) },
      );
      expect(report.messages).toBe(200);
      expect(retries.length).toBeGreaterThan(0);
      expect(new Set(retries)).toEqual(new Set(['RATE_LIMITED']));
    } finally {
      await limited.stop();
    }
  }, 120_000);
});
