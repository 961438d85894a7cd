// Send SMS with "Media Files": each file URL (Zapier hydrates files as URLs) is downloaded without the Plivo
// credentials, checked by core, uploaded with Plivo's Media API and sent as media ids; a bad file fails the step
// naming it, before anything is uploaded or sent.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendSms, sendSmsCreate } from '../src/creates/send-sms.js';
import { ACCOUNT_PATH, appTester, authData, failureOf, isolateNetwork, listBody, plivoApi, resetNetwork, zapierErrorBody } from './helpers.js';

const FILES = 'http://127.0.0.1:9';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const UUID = '0b9e2f1c-1c2d-11ef-9a1c-0242ac110001';

describe('Send SMS with media files', () => {
  beforeEach(() => {
    isolateNetwork();
    // A step without a Status Callback URL looks for a Delivery Status (Instant) hook first: here there is none.
    plivoApi().get(`${ACCOUNT_PATH}/Application/`).query(true).optionally().reply(200, listBody([])).persist();
  });
  afterEach(resetNetwork);

  it('downloads the files, uploads them and sends the MMS with their media ids', async () => {
    const fileRequests: (string | undefined)[] = [];
    nock(FILES)
      .get('/hydrate/abc')
      .reply(((request: Request) => {
        fileRequests.push(request.headers.get('authorization') ?? undefined);
        return [200, PNG, { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="logo.png"' }];
      }) as never)
      .get('/files/menu.pdf')
      .reply(200, '%PDF-1.4 menu', { 'Content-Type': 'application/octet-stream' });
    let uploaded: { name: string; type: string; size: number }[] = [];
    plivoApi()
      .post(`${ACCOUNT_PATH}/Media/`)
      .reply((async (request: Request) => {
        const form = await request.formData();
        uploaded = (form.getAll('file') as File[]).map((file) => ({ name: file.name, type: file.type, size: file.size }));
        return [200, { api_id: 'up', objects: uploaded.map((_, i) => ({ media_id: `media-${i}`, status: 'success' })) }];
      }) as never);
    const bodies: Record<string, unknown>[] = [];
    plivoApi()
      .post(`${ACCOUNT_PATH}/Message/`, (body: Record<string, unknown>) => bodies.push(body) > 0)
      .reply(202, { api_id: 'send', message: 'message(s) queued', message_uuid: [UUID] });

    const result = await appTester(sendSms, {
      authData,
      inputData: {
        from: '+14155552671',
        to: ['+14155550123'],
        message: 'Our menu',
        media_files: [`${FILES}/hydrate/abc`, `${FILES}/files/menu.pdf`],
      },
    });

    expect(fileRequests).toEqual([undefined]); // the Plivo credentials never go to a file host
    expect(uploaded).toEqual([
      { name: 'logo.png', type: 'image/png', size: PNG.length },
      { name: 'menu.pdf', type: 'application/pdf', size: 13 },
    ]);
    expect(bodies).toEqual([expect.objectContaining({ type: 'mms', text: 'Our menu', media_ids: ['media-0', 'media-1'] })]);
    expect(result).toMatchObject({ status: 'queued', messageUuid: UUID, queuedCount: 1 });
  });

  it('fails naming the file that is too big, before anything is uploaded or sent', async () => {
    nock(FILES).get('/a.png').reply(200, PNG, { 'Content-Type': 'image/png' }).get('/big.jpg').reply(200, Buffer.alloc(2_100_000), { 'Content-Type': 'image/jpeg' });
    const error = await failureOf(
      appTester(sendSms, {
        authData,
        inputData: { from: '+14155552671', to: ['+14155550123'], message: 'x', media_files: [`${FILES}/a.png`, `${FILES}/big.jpg`] },
      }),
    );
    const body = zapierErrorBody(error);
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.message).toContain('media_files[1] ("big.jpg") is 2.10 MB (2100000 bytes); Plivo accepts at most 2 MB per file.');
  });

  it('fails naming a file that could not be downloaded', async () => {
    nock(FILES).get('/gone.png').reply(404, 'not found');
    const error = await failureOf(
      appTester(sendSms, {
        authData,
        inputData: { from: '+14155552671', to: ['+14155550123'], message: 'x', media_files: [`${FILES}/gone.png`] },
      }),
    );
    expect(zapierErrorBody(error).message).toContain('media_files[0]: the file could not be downloaded (HTTP 404).');
  });

  it('declares the input as a list of files', () => {
    const field = sendSmsCreate.operation.inputFields?.find((input) => 'key' in input && input.key === 'media_files');
    expect(field).toMatchObject({ type: 'file', list: true, required: false });
  });
});
