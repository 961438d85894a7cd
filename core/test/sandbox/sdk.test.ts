// Plivo's own Node SDK (plivo@4.79), unchanged, against the sandbox: one test per SDK call of every resource the
// sandbox implements (messages and their media, media uploads, account, numbers, applications, lookup, Verify
// sessions), and the errors it reports.
//
// The SDK takes its REST base from the `url` option, except for two things it hard-codes: Application calls go to
// https://api.plivo.com (they carry `is_voice_request`), and Lookup goes to https://lookup.plivo.com. nock forwards
// exactly those two hosts to the sandbox on 127.0.0.1; everything else reaches the sandbox directly.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import plivo from 'plivo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/index.js';
import { basicAuth, startTestSandbox, waitFor } from './helpers.js';

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

type SdkFailure = { status: unknown; message: string; apiID: unknown };

/** What the SDK rejects with (its Babel-compiled error subclasses end up as plain Errors with status and apiID). */
function failure(promise: Promise<unknown>): Promise<SdkFailure> {
  return promise.then(
    () => ({ status: 'resolved', message: '', apiID: null }),
    (error: { status?: number; message: string; apiID?: string }) => ({ status: error.status, message: error.message, apiID: error.apiID }),
  );
}

const OWNED = '+14155552671';

describe('Plivo SDK: messages', () => {
  it('messages.create (one object) sends to several numbers and lists the invalid ones', async () => {
    const sent = await client.messages.create({
      src: OWNED,
      dst: ['+14155550100', '+14155550101', '1111111'],
      text: 'Hello from the official SDK',
      url: 'http://127.0.0.1:9/status',
      method: 'POST',
    });
    expect(sent.message).toBe('message(s) queued');
    expect(sent.messageUuid).toHaveLength(2);
    expect(sent.invalid_number).toEqual(['1111111']);
    expect(sandbox.state.messages.slice(-2).map((message) => message.dst)).toEqual(['14155550100', '14155550101']);
  });

  it('messages.create (src, dst, text, options) sends an MMS', async () => {
    const sent = await client.messages.create(OWNED, '+14155550102', 'A picture', {
      type: 'mms',
      media_urls: ['https://example.com/photo.jpg', 'https://example.com/menu.pdf'],
    });
    expect(sent.messageUuid).toHaveLength(1);
    expect(sandbox.state.getMessage(sent.messageUuid[0])).toMatchObject({ type: 'mms', src: '14155552671', units: 1 });
  });

  it('messages.send sends like create', async () => {
    const sent = await client.messages.send(OWNED, '+14155550103', 'Sent with send()');
    expect(sent).toMatchObject({ message: 'message(s) queued', messageUuid: [expect.any(String)] });
  });

  it('messages.get returns the message detail record', async () => {
    const sent = await client.messages.create(OWNED, '+14155550104', 'Get me');
    const uuid = sent.messageUuid[0] as string;
    await waitFor(() => sandbox.state.getMessage(uuid)?.status === 'delivered');
    expect(await client.messages.get(uuid)).toMatchObject({
      messageUuid: uuid,
      fromNumber: '14155552671',
      toNumber: '14155550104',
      messageDirection: 'outbound',
      messageState: 'delivered',
      messageType: 'sms',
      errorCode: '000',
      units: 1,
    });
  });

  it('messages.list pages through messages with filters', async () => {
    const first = await client.messages.create(OWNED, '+14155550105', 'List one');
    const second = await client.messages.create(OWNED, '+14155550106', 'List two');
    const listed = await client.messages.list({ limit: 1, offset: 0, messageDirection: 'outbound' });
    expect(listed).toHaveLength(1);
    expect(listed.meta).toMatchObject({ limit: 1, offset: 0, totalCount: sandbox.state.messages.length });
    expect(listed[0].messageUuid).toBe(second.messageUuid[0]);
    const next = await client.messages.list({ limit: 1, offset: 1, messageDirection: 'outbound' });
    expect(next[0].messageUuid).toBe(first.messageUuid[0]);
  });

  it('messages.listMedia lists the media of an MMS (and none for an SMS)', async () => {
    const mms = await client.messages.create(OWNED, '+14155550107', 'Two files', {
      type: 'mms',
      media_urls: ['https://example.com/photo.jpg', 'https://example.com/menu.pdf'],
    });
    const media = await client.messages.listMedia(mms.messageUuid[0]);
    expect(media.objects).toEqual([
      expect.objectContaining({ contentType: 'image/jpeg', fileName: 'photo.jpg', messageUuid: mms.messageUuid[0], mediaId: expect.any(String) }),
      expect.objectContaining({ contentType: 'application/pdf', fileName: 'menu.pdf', size: expect.any(Number) }),
    ]);
    // Each media URL answers with that media's record.
    const [photo] = media.objects as { mediaUrl: string; mediaId: string }[];
    const one = await fetch(photo!.mediaUrl, { headers: { Authorization: basicAuth(sandbox.authId, sandbox.authToken) } });
    expect(await one.json()).toMatchObject({ media_id: photo!.mediaId, content_type: 'image/jpeg' });

    const sms = await client.messages.create(OWNED, '+14155550108', 'No files');
    expect((await client.messages.listMedia(sms.messageUuid[0])).objects).toEqual([]);
    expect(await failure(client.messages.listMedia('00000000-0000-0000-0000-000000000000'))).toMatchObject({ status: 404 });
  });

  it('reports the status and Plivo error text of a refused call', async () => {
    expect(await failure(client.messages.get('00000000-0000-0000-0000-000000000000'))).toEqual({
      status: 404,
      message: 'not found',
      apiID: expect.any(String),
    });
    expect(await failure(client.messages.create(OWNED, '1111111', 'x'))).toEqual({
      status: 400,
      message: 'invalid phone numbers.',
      apiID: expect.any(String),
    });
    const refused = await failure(client.messages.create('+14155550100', '+14155550109', 'not our number'));
    expect(refused).toMatchObject({ status: 400, message: expect.stringMatching(/^This caller ID is not allowed for outbound message/) });
    const wrong = new plivo.Client(sandbox.authId, 'wrong-token-wrong', { url: `${sandbox.url}/v1/Account/${sandbox.authId}` });
    expect(await failure(wrong.messages.list({}))).toMatchObject({ status: 401, message: 'authentication credentials are invalid' });
  });
});

describe('Plivo SDK: media', () => {
  let folder: string;
  let uploaded: { mediaId: string; fileName: string }[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'textbridge-sdk-media-'));
    await writeFile(join(folder, 'logo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await writeFile(join(folder, 'menu.pdf'), '%PDF-1.4 sandbox menu');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('media.upload uploads files for MMS', async () => {
    const answer = await client.media.upload([join(folder, 'logo.png'), join(folder, 'menu.pdf')]);
    expect(answer.objects).toEqual([
      expect.objectContaining({ fileName: 'logo.png', contentType: 'image/png', size: 16, status: 'success', mediaId: expect.any(String) }),
      expect.objectContaining({ fileName: 'menu.pdf', contentType: 'application/pdf', status: 'success', statusCode: 201 }),
    ]);
    uploaded = answer.objects.map((object: { mediaId: string; fileName: string }) => ({ mediaId: object.mediaId, fileName: object.fileName }));
  });

  it('media.get returns one upload', async () => {
    expect(await client.media.get(uploaded[0]!.mediaId)).toMatchObject({ mediaId: uploaded[0]!.mediaId, fileName: 'logo.png', contentType: 'image/png' });
    expect(await failure(client.media.get('no-such-media'))).toMatchObject({ status: 404 });
  });

  it('media.list lists uploads, newest first', async () => {
    const listed = await client.media.list({ limit: 1 });
    expect(listed.map((media: { mediaId: string }) => media.mediaId)).toEqual([uploaded[1]!.mediaId]);
    expect(listed.meta).toMatchObject({ totalCount: 2, limit: 1 });
  });

  it('an MMS sent with media_ids carries the uploaded files', async () => {
    const sent = await client.messages.create(OWNED, '+14155550110', 'Our menu', { type: 'mms', media_ids: [uploaded[1]!.mediaId] });
    const media = await client.messages.listMedia(sent.messageUuid[0]);
    expect(media.objects).toEqual([expect.objectContaining({ fileName: 'menu.pdf', contentType: 'application/pdf' })]);
    expect(await failure(client.messages.create(OWNED, '+14155550110', 'x', { type: 'mms', media_ids: ['nope'] }))).toMatchObject({ status: 400 });
  });
});

describe('Plivo SDK: account', () => {
  it('accounts.get returns the account (the SDK asks for /v1/Account/{id}//)', async () => {
    expect(await client.accounts.get()).toMatchObject({
      apiId: expect.any(String),
      name: 'Textbridge Sandbox',
      cashCredits: expect.stringMatching(/^\d+\.\d{5}$/),
      resourceUri: `/v1/Account/${sandbox.authId}/`,
      timezone: 'Etc/UTC',
    });
  });

  it('accounts.update changes the name, city and address', async () => {
    const updated = await client.accounts.update({ name: 'Bistro Sandbox', city: 'Lyon', address: '1 Rue de la Paix' });
    expect(updated).toMatchObject({ message: 'changed' });
    expect(await client.accounts.get()).toMatchObject({ name: 'Bistro Sandbox', city: 'Lyon', address: '1 Rue de la Paix' });
    expect(await failure(client.accounts.update({ timezone: 'Mars/Olympus' }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^timezone/),
    });
  });
});

describe('Plivo SDK: numbers', () => {
  it('numbers.list lists the account numbers with filters', async () => {
    const numbers = await client.numbers.list({ limit: 20, offset: 0 });
    expect(numbers.map((n: { number: string }) => n.number)).toEqual(sandbox.numbers.map((e164) => e164.slice(1)));
    expect(numbers.meta).toMatchObject({ totalCount: sandbox.numbers.length });
    const tollFree = await client.numbers.list({ type: 'tollfree' });
    expect(tollFree.map((n: { number: string }) => n.number)).toEqual(['18885550199']);
  });

  it('numbers.get returns one number', async () => {
    expect(await client.numbers.get('14155552671')).toMatchObject({ number: '14155552671', smsEnabled: true, numberType: 'local' });
    expect(await failure(client.numbers.get('14155550100'))).toMatchObject({ status: 404 });
  });

  it('numbers.update links an application and sets an alias', async () => {
    const created = await client.applications.create('numbers_app', { messageUrl: 'https://example.com/in' });
    const updated = await client.numbers.update('14155552671', { appId: created.appId, alias: 'Main line' });
    expect(updated).toMatchObject({ message: 'changed' });
    expect(await client.numbers.get('14155552671')).toMatchObject({
      alias: 'Main line',
      application: `/v1/Account/${sandbox.authId}/Application/${created.appId}/`,
    });
  });

  it('numbers.unrent removes a number from the account', async () => {
    const gb = sandbox.numbers[3]!.slice(1);
    expect(await client.numbers.unrent(gb)).toBe(true);
    expect(await failure(client.numbers.get(gb))).toMatchObject({ status: 404 });
    expect(await failure(client.messages.create(gb, '+447700900123', 'no longer ours'))).toMatchObject({ status: 400 });
  });
});

describe('Plivo SDK: applications', () => {
  let appId: string;

  it('applications.create creates one', async () => {
    const created = await client.applications.create('sdk_app', { messageUrl: 'https://example.com/sms', messageMethod: 'POST' });
    expect(created).toMatchObject({ message: 'created', appId: expect.stringMatching(/^\d+$/) });
    appId = created.appId as string;
    expect(sandbox.state.applications.get(appId)).toMatchObject({ appName: 'sdk_app', messageUrl: 'https://example.com/sms' });
  });

  it('applications.get returns it', async () => {
    expect(await client.applications.get(appId)).toMatchObject({ appId, appName: 'sdk_app', messageMethod: 'POST' });
  });

  it('applications.list lists it', async () => {
    const listed = await client.applications.list({ limit: 10 });
    expect(listed.map((app: { appId: string }) => app.appId)).toContain(appId);
    expect(listed.meta).toMatchObject({ totalCount: sandbox.state.applications.size });
  });

  it('applications.update changes it', async () => {
    expect(await client.applications.update(appId, { messageUrl: 'https://example.com/sms-v2' })).toMatchObject({ message: 'changed' });
    expect(sandbox.state.applications.get(appId)?.messageUrl).toBe('https://example.com/sms-v2');
  });

  it('applications.delete deletes it', async () => {
    expect(await client.applications.delete(appId)).toBe(true);
    expect(sandbox.state.applications.has(appId)).toBe(false);
    expect(await failure(client.applications.get(appId))).toMatchObject({ status: 404 });
  });
});

describe('Plivo SDK: lookup', () => {
  it('lookup.get returns carrier, country and formats', async () => {
    expect(await client.lookup.get('+14154305555')).toMatchObject({
      phoneNumber: '+14154305555',
      country: { iso2: 'US', iso3: 'USA' },
      format: { e164: '+14154305555' },
      carrier: { type: 'mobile' },
    });
    expect(await failure(client.lookup.get('+1'))).toMatchObject({ status: 404 });
  });
});

describe('Plivo SDK: verify_session', () => {
  const codeOf = (uuid: string): string => sandbox.state.verifySessions.get(uuid)!.code;

  it('verify_session.create sends a code and returns the session UUID', async () => {
    const created = await client.verify_session.create({ recipient: '+14155550180', channel: 'sms', brand_name: 'Acme', code_length: 5, locale: 'en' });
    expect(created).toMatchObject({ message: 'Session initiated', sessionUuid: expect.any(String), apiId: expect.any(String) });
    expect(codeOf(created.sessionUuid)).toMatch(/^\d{5}$/);
  });

  it('verify_session.get returns the session with attempts and charges', async () => {
    const { sessionUuid } = await client.verify_session.create({ recipient: '+14155550181' });
    const session = await client.verify_session.get(sessionUuid);
    expect(session).toMatchObject({
      sessionUuid,
      recipient: '14155550181',
      channel: 'sms',
      status: 'in-progress',
      count: 1,
      destination_country_iso2: 'US',
      attemptDetails: [expect.objectContaining({ channel: 'sms', attemptUuid: expect.any(String) })],
      charges: { totalCharge: expect.any(String), validationCharge: '0.00000', attemptCharges: [expect.any(Object)] },
    });
  });

  it('verify_session.validate refuses a wrong code with 400 and accepts the right one', async () => {
    const { sessionUuid } = await client.verify_session.create({ recipient: '+14155550182' });
    const code = codeOf(sessionUuid);
    const wrong = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
    expect(await failure(client.verify_session.validate({ id: sessionUuid, otp: wrong }))).toMatchObject({ status: 400 });
    const validated = await client.verify_session.validate({ id: sessionUuid, otp: code });
    expect(validated).toMatchObject({ message: 'session validated successfully.' });
    expect(await client.verify_session.get(sessionUuid)).toMatchObject({ status: 'verified' });
  });

  it('verify_session.list lists sessions with their meta', async () => {
    const { sessionUuid } = await client.verify_session.create({ recipient: '+14155550183' });
    const listed = await client.verify_session.list({ recipient: '+14155550183', limit: 5 });
    expect(listed.meta).toMatchObject({ limit: 5, offset: 0 });
    expect(listed.sessions.map((session: { sessionUuid: string }) => session.sessionUuid)).toEqual([sessionUuid]);
    expect(await failure(client.verify_session.get('0f0f0f0f-0000-4000-8000-000000000000'))).toMatchObject({ status: 404 });
  });
});
