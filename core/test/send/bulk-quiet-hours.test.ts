import { describe, expect, it } from 'vitest';
import {
  TextbridgeError,
  createRateLimiter,
  sendBulk,
  summarizeSendOutputs,
  toSendOutput,
  type BulkSendResult,
  type SendRequest,
} from '../../src/index.js';
import { FakeClient, FakeClock } from './bulk-fakes.js';

const sms = (dst: string, text = 'Your table is ready'): SendRequest => ({ src: '+14155550100', dst, text });

/** 04:00 in Los Angeles, 07:00 in New York, 13:00 in Berlin (3 December 2026, 12:00 UTC). */
function clockAtNoonUtc(): FakeClock {
  const clock = new FakeClock();
  clock.time = Date.parse('2026-12-03T12:00:00Z');
  return clock;
}

function run(client: FakeClient, messages: SendRequest[], options: Parameters<typeof sendBulk>[2] = {}): Promise<BulkSendResult[]> {
  const clock = clockAtNoonUtc();
  return sendBulk(client, messages, { rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1_000_000, clock }), clock, ...options });
}

describe('sendBulk: quiet hours', () => {
  it('holds recipients outside their local window without a request and sends the others', async () => {
    const client = new FakeClient();
    const results = await run(client, [sms('+14155550101'), sms('+4930123456'), sms('+12125550102')], { quietHours: {} });
    expect(client.requests.map((request) => request.dsts)).toEqual([['+4930123456']]);
    expect(results[0]).toEqual({
      ok: false,
      held: true,
      index: 0,
      dst: '+14155550101',
      sendAfter: '2026-12-03T16:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      timeZoneSource: 'area-code',
      error: expect.objectContaining({ code: 'HELD_FOR_QUIET_HOURS', details: { sendAfter: '2026-12-03T16:00:00.000Z', timeZone: 'America/Los_Angeles' } }),
    });
    expect(results[1]).toMatchObject({ ok: true, dst: '+4930123456' });
    expect(results[2]).toMatchObject({ ok: false, held: true, sendAfter: '2026-12-03T13:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('takes a window and zone per input from a function', async () => {
    const client = new FakeClient();
    const results = await run(client, [sms('+14155550101'), sms('+14155550102')], {
      quietHours: (index) => (index === 0 ? { start: '03:00', end: '05:00' } : { timeZone: 'Asia/Tokyo', start: '09:00', end: '17:00' }),
    });
    // 04:00 in Los Angeles is inside 03:00–05:00; 21:00 in Tokyo is not inside 09:00–17:00.
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ held: true, sendAfter: '2026-12-04T00:00:00.000Z', timeZone: 'Asia/Tokyo', timeZoneSource: 'explicit' });
    expect(client.requests).toHaveLength(1);
  });

  it("fails only the input whose window is wrong, naming the host's field", async () => {
    const client = new FakeClient();
    const results = await run(client, [sms('+4930123456')], {
      quietHours: { start: '7 o\'clock', labels: { start: 'quiet_start' } },
    });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'quiet_start' } });
    expect(client.requests).toHaveLength(0);
  });

  it('maps held results to status held with sendAfter, and summarises them', async () => {
    const results = await run(new FakeClient(), [sms('+14155550101'), sms('+4930123456')], { quietHours: {} });
    const outputs = results.map(toSendOutput);
    expect(outputs[0]).toMatchObject({
      status: 'held',
      to: '+14155550101',
      sendAfter: '2026-12-03T16:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      error: null,
      messageUuid: null,
    });
    expect(summarizeSendOutputs(outputs)).toMatchObject({
      status: 'held',
      queuedCount: 1,
      heldCount: 1,
      failedCount: 0,
      sendAfter: '2026-12-03T16:00:00.000Z',
      firstFailure: undefined,
    });
  });

  it('reports held inputs in progress', async () => {
    const progress: unknown[] = [];
    await run(new FakeClient(), [sms('+14155550101'), sms('+4930123456')], { quietHours: {}, onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, sent: 1, failed: 0, held: 1 });
  });
});

describe('sendBulk: opted-out recipients', () => {
  it('skips listed numbers (read with the default country) without a request', async () => {
    const client = new FakeClient();
    const results = await run(client, [sms('4155550101'), sms('4155550102')], {
      defaultCountry: 'US',
      optedOut: ['(415) 555-0101', ''],
    });
    expect(results[0]).toMatchObject({ ok: false, skipped: true, reason: 'opted-out', dst: '+14155550101' });
    expect(results[1]).toMatchObject({ ok: true, dst: '+14155550102' });
    expect(client.requests.map((request) => request.dsts)).toEqual([['+14155550102']]);
    expect(toSendOutput(results[0]!)).toMatchObject({ status: 'skipped', skipReason: 'opted-out', error: null });
    expect(summarizeSendOutputs(results.map(toSendOutput))).toMatchObject({ status: 'queued', skippedCount: 1, failedCount: 0 });
  });

  it('rejects an opted-out list entry that is not a phone number, naming it', async () => {
    await expect(run(new FakeClient(), [sms('+14155550101')], { optedOut: ['+14155550101', 'nobody'] })).rejects.toMatchObject({
      code: 'INVALID_PHONE_NUMBER',
      field: 'optedOut[1]',
    });
  });

  it("reads Plivo's opt-out refusal as skipped: alone at once, in a shared request after sending each input alone", async () => {
    const refusal = () => new TextbridgeError('RECIPIENT_OPTED_OUT', 'Plivo: recipient has opted out.', { status: 400 });
    const client = new FakeClient((request) => (request.dsts.includes('+14155550102') ? refusal() : undefined));
    const results = await run(client, [sms('+14155550101'), sms('+14155550102'), sms('+14155550103')]);
    expect(results.map((result) => (result.ok ? 'sent' : result.skipped ? 'skipped' : 'failed'))).toEqual(['sent', 'skipped', 'sent']);
    expect(results[1]).toMatchObject({ reason: 'opted-out', dst: '+14155550102' });
    expect(client.requests.map((request) => request.dsts)).toEqual([
      ['+14155550101', '+14155550102', '+14155550103'],
      ['+14155550101'],
      ['+14155550102'],
      ['+14155550103'],
    ]);
  });
});
