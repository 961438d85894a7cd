import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PATH, AUTH_ID, AUTH_TOKEN, PLIVO, replyTo, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const basicAuth = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`;
const sendParams = (extra: Record<string, unknown> = {}) => ({
  resource: 'message',
  operation: 'send',
  senderType: 'src',
  from: { __rl: true, mode: 'id', value: '+14155550100' },
  to: '={{ $json.to }}',
  messageType: 'sms',
  text: '={{ $json.text }}',
  ...extra,
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Message > Send (through WorkflowExecute)', () => {
  it('sends one item with the credential applied once, and outputs its UUID, encoding and parts', async () => {
    let seen: { auth?: string | string[]; body?: unknown } = {};
    const scope = nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(
        replyTo(({ headers, body }) => {
          seen = { auth: headers.get('authorization') ?? undefined, body };
          return [202, { api_id: 'api-1', message: 'message(s) queued', message_uuid: ['uuid-1'] }];
        }),
      );

    const { output, error } = await runPlivoSms(sendParams(), [{ to: '+14155550101', text: 'Hello there' }]);

    expect(error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(seen.auth).toBe(basicAuth);
    expect(seen.body).toMatchObject({ src: '14155550100', dst: '14155550101', text: 'Hello there' });
    expect(output).toHaveLength(1);
    expect(output![0]!.pairedItem).toEqual({ item: 0 });
    expect(output![0]!.json).toMatchObject({
      status: 'queued',
      messageUuid: 'uuid-1',
      messageUuids: ['uuid-1'],
      to: '+14155550101',
      from: '+14155550100',
      encoding: 'GSM-7',
      segmentCount: 1,
      characterCount: 11,
      error: null,
    });
  });

  it('batches items with the same text into one request with a "<"-joined dst, one output per item', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .times(2)
      .reply(
        replyTo(({ body: b }) => {
          bodies.push(b);
          const count = String(b.dst).split('<').length;
          return [202, { api_id: `api-${count}`, message: 'queued', message_uuid: Array.from({ length: count }, (_, i) => `${b.text}-${i}`) }];
        }),
      );

    const items = [
      { to: '+14155550101', text: 'Sale today' },
      { to: '+14155550102', text: 'Sale today' },
      { to: '+14155550103', text: 'Other text' },
      { to: '+14155550104', text: 'Sale today' },
    ];
    const { output, error } = await runPlivoSms(sendParams(), items);

    expect(error).toBeUndefined();
    expect(bodies).toHaveLength(2);
    const sale = bodies.find((b) => b.text === 'Sale today')!;
    expect(sale.dst).toBe('14155550101<14155550102<14155550104');
    expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
    expect(output!.map((item) => item.json.messageUuid)).toEqual(['Sale today-0', 'Sale today-1', 'Other text-0', 'Sale today-2']);
  });

  it('Batch Size 100 with 10,000 items of 5 interleaved texts makes the fewest requests: 100 of 100 numbers', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .times(10_000)
      .reply(
        replyTo(({ body: b }) => {
          bodies.push(b);
          const dsts = String(b.dst).split('<');
          return [202, { api_id: `api-${bodies.length}`, message: 'queued', message_uuid: dsts.map((dst) => `uuid-${dst}`) }];
        }),
      );
    const items = Array.from({ length: 10_000 }, (_, i) => ({ to: `+1415${2_000_000 + i}`, text: `Offer ${i % 5}` }));

    const { output, error } = await runPlivoSms(sendParams({ options: { batchSize: 100, maxRequestsPerSecond: 1000 } }), items);

    expect(error).toBeUndefined();
    expect(bodies).toHaveLength(100);
    for (const body of bodies) expect(String(body.dst).split('<')).toHaveLength(100);
    expect(output).toHaveLength(10_000);
    output!.forEach((item, i) => {
      expect(item.pairedItem).toEqual({ item: i });
      expect(item.json).toMatchObject({ status: 'queued', messageUuid: `uuid-1415${2_000_000 + i}` });
    });
  }, 120_000);

  it('sends one item to several comma- or line-separated numbers and lists every recipient', async () => {
    let dst: unknown;
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(
        replyTo(({ body }) => {
          dst = body.dst;
          return [202, { api_id: 'api-2', message: 'queued', message_uuid: ['u-a', 'u-b', 'u-c'] }];
        }),
      );

    const { output, error } = await runPlivoSms(
      sendParams({ options: { defaultCountry: 'US' } }),
      [{ to: '(415) 555-0101, +1 415 555 0102\n415.555.0103', text: 'Héllo ☃' }],
    );

    expect(error).toBeUndefined();
    expect(dst).toBe('14155550101<14155550102<14155550103');
    expect(output).toHaveLength(1);
    expect(output![0]!.json).toMatchObject({
      status: 'queued',
      messageUuids: ['u-a', 'u-b', 'u-c'],
      to: ['+14155550101', '+14155550102', '+14155550103'],
      encoding: 'UCS-2',
    });
    expect(output![0]!.json.recipients).toHaveLength(3);
  });

  it('passes MMS media, status callback, expiry and logging options to Plivo', async () => {
    let body: Record<string, unknown> = {};
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(
        replyTo(({ body: b }) => {
          body = b;
          return [202, { api_id: 'api-3', message: 'queued', message_uuid: ['mms-1'] }];
        }),
      );

    const { error } = await runPlivoSms(
      sendParams({
        messageType: 'mms',
        mediaUrls: 'https://example.com/a.jpg\nhttps://example.com/b.png',
        options: {
          statusCallbackUrl: 'https://n8n.example.com/webhook/abc/plivo-sms',
          statusCallbackMethod: 'POST',
          messageExpiry: 600,
          logOff: true,
          trackable: true,
        },
      }),
      [{ to: '+14155550101', text: 'Look' }],
    );

    expect(error).toBeUndefined();
    expect(body).toMatchObject({
      type: 'mms',
      media_urls: ['https://example.com/a.jpg', 'https://example.com/b.png'],
      url: 'https://n8n.example.com/webhook/abc/plivo-sms',
      method: 'POST',
      message_expiry: 600,
      log: false,
      trackable: true,
    });
  });

  it('with continue-on-fail, a bad item gets an error item and the others are still sent', async () => {
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(202, { api_id: 'api-4', message: 'queued', message_uuid: ['ok-1'] });

    const { output, error } = await runPlivoSms(
      sendParams(),
      [{ to: 'not a number', text: 'Hi' }, { to: '+14155550102', text: 'Hi' }],
      { continueOnFail: true },
    );

    expect(error).toBeUndefined();
    expect(output).toHaveLength(2);
    expect(output![0]!.pairedItem).toEqual({ item: 0 });
    expect(output![0]!.json.error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'to' });
    expect(typeof (output![0]!.json.error as { hint: string }).hint).toBe('string');
    expect(output![1]!.json).toMatchObject({ status: 'queued', messageUuid: 'ok-1' });
  });

  it('without continue-on-fail, a bad item fails the run before anything is sent, naming the item and field', async () => {
    const scope = nock(PLIVO).post(`${ACCOUNT_PATH}/Message/`).reply(202, {});

    const { output, error } = await runPlivoSms(sendParams(), [{ to: '+14155550102', text: 'Hi' }, { to: 'nope', text: 'Hi' }]);

    expect(output).toBeUndefined();
    expect(error?.name).toBe('NodeOperationError');
    expect(error?.message).toMatch(/Item 1 \(field "to"\)/);
    expect(error?.description).toMatch(/country code/);
    expect(scope.isDone()).toBe(false);
  });

  it('turns a Plivo refusal into a NodeApiError with core\'s hint, never showing the token', async () => {
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(401, { api_id: 'api-5', error: `authentication failed for ${AUTH_TOKEN}` });

    const { error } = await runPlivoSms(sendParams(), [{ to: '+14155550101', text: 'Hi' }]);

    expect(error?.name).toBe('NodeApiError');
    expect(error?.description).toMatch(/Auth ID and Auth Token/);
    expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(AUTH_TOKEN);
  });

  it('with continue-on-fail, a Plivo refusal becomes { error: { code, message, hint, field } } on the item', async () => {
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(400, { api_id: 'api-6', error: 'destination number is not allowed' });

    const { output, error } = await runPlivoSms(sendParams(), [{ to: '+14155550101', text: 'Hi' }], { continueOnFail: true });

    expect(error).toBeUndefined();
    expect(output![0]!.pairedItem).toEqual({ item: 0 });
    // Only error/message/details beside each other: what n8n needs to route the item to an error output.
    expect(Object.keys(output![0]!.json).sort()).toEqual(['details', 'error']);
    expect((output![0]!.json.details as { status: string }).status).toBe('failed');
    expect(output![0]!.json.error).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.any(String), hint: expect.any(String) }),
    );
  });
  it('sends from a Powerpack, or from an alphanumeric sender picked from the list mode', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .times(2)
      .reply(
        replyTo(({ body }) => {
          bodies.push(body);
          return [202, { api_id: 'api-7', message: 'queued', message_uuid: [`u-${bodies.length}`] }];
        }),
      );

    const powerpack = await runPlivoSms(
      sendParams({ senderType: 'powerpack', powerpackUuid: ' 8a1f5a02-2d2b-4c79-8e6e-3d5a3b0c1a11 ' }),
      [{ to: '+14155550101', text: 'Hi' }],
    );
    const alphanumeric = await runPlivoSms(sendParams({ from: { __rl: true, mode: 'list', value: 'MyBrand' } }), [
      { to: '+447700900123', text: 'Hi' },
    ]);

    expect(powerpack.error).toBeUndefined();
    expect(alphanumeric.error).toBeUndefined();
    expect(bodies[0]).toMatchObject({ powerpack_uuid: '8a1f5a02-2d2b-4c79-8e6e-3d5a3b0c1a11', dst: '14155550101' });
    expect(bodies[0]).not.toHaveProperty('src');
    expect(bodies[1]).toMatchObject({ src: 'MyBrand', dst: '447700900123' });
    expect(powerpack.output![0]!.json).toMatchObject({ status: 'queued', powerpackUuid: '8a1f5a02-2d2b-4c79-8e6e-3d5a3b0c1a11' });
  });

  it('smart encoding sends the GSM-7 text when it saves parts', async () => {
    let text: unknown;
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(
        replyTo(({ body }) => {
          text = body.text;
          return [202, { api_id: 'api-8', message: 'queued', message_uuid: ['s-1'] }];
        }),
      );

    const { output, error } = await runPlivoSms(sendParams({ options: { smartEncoding: 'auto' } }), [
      { to: '+14155550101', text: '“Quoted” — it’s here' },
    ]);

    expect(error).toBeUndefined();
    expect(text).toBe('"Quoted" - it\'s here');
    expect(output![0]!.json).toMatchObject({ encoding: 'GSM-7', segmentCount: 1, smartEncodingApplied: true });
  });

  it('reads every per-message option per item: expressions that differ per item all take effect in one run', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .times(3)
      .reply(
        replyTo(({ body }) => {
          bodies.push(body);
          return [202, { api_id: `api-${bodies.length}`, message: 'queued', message_uuid: [`p-${bodies.length}`] }];
        }),
      );

    const options = {
      smartEncoding: '={{ $json.smart }}',
      defaultCountry: '={{ $json.country }}',
      messageExpiry: '={{ $json.expiry }}',
    };
    const { output, error } = await runPlivoSms(sendParams({ options }), [
      { to: '(415) 555-0101', text: '“Hi” — one', smart: 'auto', country: 'US', expiry: 600 },
      { to: '07700 900123', text: '“Hi” — two', smart: 'off', country: 'GB', expiry: 900 },
      { to: '+14155550103', text: '“Hi” — three', smart: 'always', country: '', expiry: 1200 },
    ]);

    expect(error).toBeUndefined();
    const byDst = Object.fromEntries(bodies.map((body) => [body.dst, body]));
    expect(byDst['14155550101']).toMatchObject({ text: '"Hi" - one', message_expiry: 600 });
    expect(byDst['447700900123']).toMatchObject({ text: '“Hi” — two', message_expiry: 900 });
    expect(byDst['14155550103']).toMatchObject({ text: '"Hi" - three', message_expiry: 1200 });
    expect(output!.map((item) => item.json.smartEncodingApplied)).toEqual([true, false, true]);
    expect(output!.map((item) => item.json.to)).toEqual(['+14155550101', '+447700900123', '+14155550103']);
  });

  it("names the node's own fields in errors: options.messageExpiry, options.defaultCountry, to[1]", async () => {
    const scope = nock(PLIVO).post(`${ACCOUNT_PATH}/Message/`).reply(202, {});
    const { output } = await runPlivoSms(
      sendParams({ options: { messageExpiry: '={{ $json.expiry }}', defaultCountry: '={{ $json.country }}' } }),
      [
        { to: '+14155550101', text: 'Hi', expiry: 3, country: '' },
        { to: '415 555 0101', text: 'Hi', expiry: 60, country: 'USA' },
        { to: '+14155550101, call me', text: 'Hi', expiry: 60, country: '' },
      ],
      { continueOnFail: true },
    );
    const errors = output!.map((item) => item.json.error as { code: string; field: string; message: string });
    expect(errors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'options.messageExpiry' });
    expect(errors[0]!.message).toMatch(/^options\.messageExpiry must be at least 5 seconds/);
    expect(errors[1]).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'options.defaultCountry' });
    expect(errors[2]).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'to[1]' });
    for (const e of errors) expect(e.message).not.toMatch(/messages\[|\bdst\b|\bsrc\b/);
    expect(scope.isDone()).toBe(false);
  });

  it('a send Plivo may have processed is reported as status "unknown", never retried', async () => {
    const scope = nock(PLIVO).post(`${ACCOUNT_PATH}/Message/`).once().reply(500, { api_id: 'api-9', error: 'internal error' });

    const { output, error } = await runPlivoSms(sendParams(), [{ to: '+14155550101', text: 'Hi' }], { continueOnFail: true });

    expect(error).toBeUndefined();
    expect(scope.isDone()).toBe(true);
    expect(output![0]!.json).toMatchObject({ error: { code: 'DELIVERY_UNKNOWN' }, details: { status: 'unknown' } });
  });

  it('holds items outside quiet hours (status "held" with sendAfter, main output) and skips opted-out numbers, per item', async () => {
    const bodies: Record<string, unknown>[] = [];
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(
        replyTo(({ body }) => {
          bodies.push(body);
          return [202, { api_id: 'api-q', message: 'queued', message_uuid: ['q-1'] }];
        }),
      );
    // A window that opens two hours from now in UTC holds the item whatever the time of the test run.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const opensAt = new Date(minute + 2 * 3_600_000);
    const closesAt = new Date(minute + 3 * 3_600_000);
    const hhmm = (at: Date) => at.toISOString().slice(11, 16);
    const options = {
      quietHours: { window: { enabled: '={{ $json.quiet }}', start: hhmm(opensAt), end: hhmm(closesAt), timeZone: 'UTC' } },
      optedOut: '+14155550109\n+14155550108',
    };
    const { output, error } = await runPlivoSms(sendParams({ options }), [
      { to: '+14155550101', text: 'Reminder', quiet: true },
      { to: '+14155550102', text: 'Reminder', quiet: false },
      { to: '+14155550109', text: 'Reminder', quiet: false },
    ]);

    expect(error).toBeUndefined();
    expect(bodies.map((body) => body.dst)).toEqual(['14155550102']);
    expect(output).toHaveLength(3);
    expect(output![0]!.json).toMatchObject({
      status: 'held',
      to: '+14155550101',
      sendAfter: opensAt.toISOString(),
      timeZone: 'UTC',
      timeZoneSource: 'explicit',
      messageUuid: null,
      error: null,
    });
    expect(output![1]!.json).toMatchObject({ status: 'queued', messageUuid: 'q-1' });
    expect(output![2]!.json).toMatchObject({ status: 'skipped', skipReason: 'opted-out', to: '+14155550109', error: null });
    expect(output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('a wrong quiet-hours time fails the item, naming options.quietHours.start', async () => {
    const options = { quietHours: { window: { start: '8 am', end: '21:00' } } };
    const { error } = await runPlivoSms(sendParams({ options }), [{ to: '+14155550101', text: 'Reminder' }]);
    expect(error?.message).toContain('options.quietHours.start');
  });
});
