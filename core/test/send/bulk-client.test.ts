// The bulk sender driving the real Plivo client over a fake transport: the two agree on formats, and the client's
// 429 retries reach the rate limiter.
import { describe, it, expect } from 'vitest';
import {
  createPlivoClient,
  createRateLimiter,
  sendBulk,
  type RateLimiter,
  type TransportRequest,
  type TransportResponse,
} from '../../src/index.js';

const AUTH = { authId: 'MAXXXXXXXXXXXXXXXXXX', authToken: 'test-token-not-real-0123456789' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function clientWith(answer: (request: TransportRequest, call: number) => TransportResponse) {
  const requests: TransportRequest[] = [];
  const client = createPlivoClient({
    ...AUTH,
    baseUrl: 'https://api.plivo.test',
    transport: async (request) => answer(request, requests.push(request) - 1),
    retry: { sleep: async () => undefined, random: () => 0 },
  });
  return { client, requests };
}

describe('sendBulk with the Plivo client', () => {
  it('sends one `<`-joined request in Plivo number format and maps UUIDs and invalid_number back', async () => {
    const { client, requests } = clientWith(() =>
      json(202, {
        api_id: 'api-1',
        message: 'message(s) queued',
        message_uuid: ['uuid-1', 'uuid-3'],
        invalid_number: ['447700900123'],
      }),
    );
    const results = await sendBulk(
      client,
      [
        { src: '+1 415 555 0100', dst: '(415) 555-0101', text: 'Hi' },
        { src: '+1 415 555 0100', dst: '+44 7700 900123', text: 'Hi' },
        { src: '+1 415 555 0100', dst: '4155550103', text: 'Hi' },
      ],
      { defaultCountry: 'US', rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1000 }) },
    );
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body as string)).toMatchObject({ src: '14155550100', dst: '14155550101<447700900123<14155550103', text: 'Hi' });
    expect(results).toMatchObject([
      { ok: true, dst: '+14155550101', messageUuids: ['uuid-1'], apiId: 'api-1' },
      { ok: false, dst: '+447700900123', error: { code: 'INVALID_PHONE_NUMBER', field: 'messages[1].dst' } },
      { ok: true, dst: '+14155550103', messageUuids: ['uuid-3'] },
    ]);
  });

  it('tells the rate limiter about the 429s the client retried', async () => {
    const { client, requests } = clientWith((_request, call) =>
      call === 0
        ? json(429, { api_id: 'api-0', error: 'too many requests' }, { 'retry-after': '2' })
        : json(202, { api_id: 'api-1', message: 'message(s) queued', message_uuid: ['uuid-1'] }),
    );
    const inner = createRateLimiter({ maxRequestsPerSecond: 1000 });
    const penalties: (number | undefined)[] = [];
    const rateLimiter: RateLimiter = {
      acquire: (signal) => inner.acquire(signal),
      penalize: (ms) => {
        penalties.push(ms);
      },
      currentRate: () => inner.currentRate(),
    };
    const results = await sendBulk(client, [{ src: '+14155550100', dst: '+14155550101', text: 'Hi' }], { rateLimiter });
    expect(requests).toHaveLength(2);
    expect(penalties).toEqual([2000]);
    expect(results[0]).toMatchObject({ ok: true, messageUuids: ['uuid-1'] });
  });

  it('gives DELIVERY_UNKNOWN when Plivo fails in a way that may have sent the messages', async () => {
    const { client, requests } = clientWith(() => json(502, { error: 'bad gateway' }));
    const results = await sendBulk(
      client,
      [
        { src: '+14155550100', dst: '+14155550101', text: 'Hi' },
        { src: '+14155550100', dst: '+14155550102', text: 'Hi' },
      ],
      { rateLimiter: createRateLimiter({ maxRequestsPerSecond: 1000 }) },
    );
    expect(requests).toHaveLength(1); // a send is never retried after an ambiguous failure
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'DELIVERY_UNKNOWN' } });
  });
});
