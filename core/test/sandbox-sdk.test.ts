// Plivo's own Node SDK (plivo@4.79), unchanged, against the sandbox: messages, applications, numbers, lookup, errors.
//
// The SDK takes its REST base from the `url` option, except for two things it hard-codes: Application calls go to
// https://api.plivo.com (they carry `is_voice_request`), and Lookup goes to https://lookup.plivo.com. nock forwards
// exactly those two hosts to the sandbox on 127.0.0.1; everything else reaches the sandbox directly.
import nock from 'nock';
import plivo from 'plivo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { startTestSandbox, waitFor } from './sandbox-helpers.js';

let sandbox: Sandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK ships loose typings; tests read its objects freely
let client: any;

function forwardToSandbox(origin: string, rewrite: (path: string) => string): void {
  for (const method of ['get', 'post', 'delete'] as const) {
    const scope = nock(origin).persist();
    scope[method](/.*/).reply(async (request: Request) => {
        const url = new URL(request.url);
        const headers: Record<string, string> = {};
        for (const name of ['authorization', 'content-type']) {
          const value = request.headers.get(name);
          if (value) headers[name] = value;
        }
        const body = method === 'get' ? undefined : await request.text();
        const answer = await fetch(`${sandbox.url}${rewrite(url.pathname)}${url.search}`, { method: method.toUpperCase(), headers, body: body || undefined });
        const text = await answer.text();
        return [answer.status, text, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }];
      });
  }
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  forwardToSandbox('https://api.plivo.com', (path) => path);
  forwardToSandbox('https://lookup.plivo.com', (path) => path);
  client = new plivo.Client(sandbox.authId, sandbox.authToken, { url: `${sandbox.url}/v1/Account/${sandbox.authId}` });
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the SDK logs every application create
});

afterAll(async () => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await sandbox.stop();
});

describe('Plivo SDK against the sandbox', () => {
  it('sends, gets and lists messages', async () => {
    const sent = await client.messages.create({
      src: '+14155552671',
      dst: ['+14155550100', '+14155550101', '1111111'],
      text: 'Hello from the official SDK',
      url: 'http://127.0.0.1:9/status',
      method: 'POST',
    });
    expect(sent.message).toBe('message(s) queued');
    expect(sent.messageUuid).toHaveLength(2);
    expect(sent.invalid_number).toEqual(['1111111']);
    expect(sandbox.state.messages.map((message) => message.dst)).toEqual(['14155550100', '14155550101']);

    const uuid = sent.messageUuid[0] as string;
    await waitFor(() => sandbox.state.getMessage(uuid)?.status === 'delivered');
    const got = await client.messages.get(uuid);
    expect(got).toMatchObject({
      messageUuid: uuid,
      fromNumber: '14155552671',
      toNumber: '14155550100',
      messageDirection: 'outbound',
      messageState: 'delivered',
      messageType: 'sms',
      errorCode: '000',
      units: 1,
    });

    const listed = await client.messages.list({ limit: 1, offset: 0, messageDirection: 'outbound' });
    expect(listed).toHaveLength(1);
    expect(listed.meta).toMatchObject({ limit: 1, offset: 0, totalCount: 2 });
    expect(listed[0].messageUuid).toBe(sent.messageUuid[1]);
  });

  it('gives the SDK the status and Plivo error text it reports', async () => {
    // (The SDK's Babel-compiled error subclasses end up as plain Errors; status and message are what it exposes.)
    const failure = (promise: Promise<unknown>): Promise<{ status: unknown; message: string; apiID: unknown }> =>
      promise.then(
        () => ({ status: 'resolved', message: '', apiID: null }),
        (error: { status?: number; message: string; apiID?: string }) => ({ status: error.status, message: error.message, apiID: error.apiID }),
      );
    expect(await failure(client.messages.get('00000000-0000-0000-0000-000000000000'))).toEqual({
      status: 404,
      message: 'not found',
      apiID: expect.any(String),
    });
    expect(await failure(client.messages.create('+14155552671', '1111111', 'x'))).toEqual({
      status: 400,
      message: 'invalid phone numbers.',
      apiID: expect.any(String),
    });
    const wrong = new plivo.Client(sandbox.authId, 'wrong-token-wrong', { url: `${sandbox.url}/v1/Account/${sandbox.authId}` });
    expect(await failure(wrong.messages.list({}))).toMatchObject({ status: 401, message: 'authentication credentials are invalid' });
  });

  it('creates, gets, lists, updates and deletes applications', async () => {
    const created = await client.applications.create('sdk_app', { messageUrl: 'https://example.com/sms', messageMethod: 'POST' });
    expect(created).toMatchObject({ message: 'created', appId: expect.stringMatching(/^\d+$/) });
    const appId = created.appId as string;
    expect(sandbox.state.applications.get(appId)).toMatchObject({ appName: 'sdk_app', messageUrl: 'https://example.com/sms' });

    const got = await client.applications.get(appId);
    expect(got).toMatchObject({ appId, appName: 'sdk_app', messageMethod: 'POST' });

    const listed = await client.applications.list({ limit: 10 });
    expect(listed.map((app: { appId: string }) => app.appId)).toContain(appId);
    expect(listed.meta).toMatchObject({ totalCount: 1 });

    const updated = await client.applications.update(appId, { messageUrl: 'https://example.com/sms-v2' });
    expect(updated).toMatchObject({ message: 'changed' });
    expect(sandbox.state.applications.get(appId)?.messageUrl).toBe('https://example.com/sms-v2');

    expect(await client.applications.delete(appId)).toBe(true);
    expect(sandbox.state.applications.has(appId)).toBe(false);
  });

  it('lists, gets and updates numbers', async () => {
    const created = await client.applications.create('numbers_app', { messageUrl: 'https://example.com/in' });
    const numbers = await client.numbers.list({ limit: 20, offset: 0 });
    expect(numbers.map((n: { number: string }) => n.number)).toEqual(sandbox.numbers.map((e164) => e164.slice(1)));
    expect(numbers.meta).toMatchObject({ totalCount: sandbox.numbers.length });

    const updated = await client.numbers.update('14155552671', { appId: created.appId, alias: 'Main line' });
    expect(updated).toMatchObject({ message: 'changed' });
    const number = await client.numbers.get('14155552671');
    expect(number).toMatchObject({
      number: '14155552671',
      alias: 'Main line',
      application: `/v1/Account/${sandbox.authId}/Application/${created.appId}/`,
      smsEnabled: true,
    });
  });

  it('looks up a number', async () => {
    const lookup = await client.lookup.get('+14154305555');
    expect(lookup).toMatchObject({
      phoneNumber: '+14154305555',
      country: { iso2: 'US', iso3: 'USA' },
      format: { e164: '+14154305555' },
      carrier: { type: 'mobile' },
    });
  });
});
