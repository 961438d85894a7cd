// MMS from files: the limits check (examples and properties), the multipart body compared with what Plivo's own SDK
// sends, uploadMedia against nock (body, answer, refusals, no blind retries) and media ids on a send.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import nock from 'nock';
import plivo from 'plivo';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildMultipartBody } from '../../src/plivo/multipart.js';
import {
  checkMediaFiles,
  parseSendRequest,
  PLIVO_MEDIA_LIMITS,
  PLIVO_MMS_CONTENT_TYPES,
  TextbridgeError,
  type MediaFile,
} from '../../src/index.js';
import { ACCOUNT, SEND_ANSWER, plivoApi, testClient } from './fixtures.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
/** Views of one shared buffer: files of any size cost nothing to make. */
const SHARED = new ArrayBuffer(3 * PLIVO_MEDIA_LIMITS.maxFileBytes);
const sized = (bytes: number) => new Uint8Array(SHARED, 0, bytes);

function thrown(run: () => unknown): TextbridgeError {
  try {
    run();
  } catch (error) {
    if (error instanceof TextbridgeError) return error;
    throw error;
  }
  throw new Error('expected a TextbridgeError');
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('checkMediaFiles', () => {
  const labels = { field: 'options.mediaFromBinary', file: (index: number) => `binary property "p${index}"` };

  it('passes files within the limits, with the content type Plivo takes', () => {
    const checked = checkMediaFiles(
      [
        { fileName: 'logo.png', contentType: 'image/png', data: PNG },
        { fileName: 'menu.pdf', contentType: 'application/octet-stream', data: PNG },
        { contentType: 'Image/JPG; name=x', data: PNG },
      ],
      labels,
    );
    expect(checked.map(({ fileName, contentType }) => ({ fileName, contentType }))).toEqual([
      { fileName: 'logo.png', contentType: 'image/png' },
      { fileName: 'menu.pdf', contentType: 'application/pdf' },
      { fileName: 'file3', contentType: 'image/jpeg' },
    ]);
  });

  it('names the file, its type and the accepted types when Plivo would refuse the type', () => {
    const error = thrown(() => checkMediaFiles([{ fileName: 'a.png', contentType: 'image/png', data: PNG }, { fileName: 'setup.exe', contentType: 'application/x-msdownload', data: PNG }], labels));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'binary property "p1"' });
    expect(error.message).toBe('binary property "p1" ("setup.exe") is of type application/x-msdownload, which Plivo does not accept for MMS.');
    expect(error.hint).toContain('image/jpeg, image/png, image/gif');
  });

  it('gives sizes in MB for a file over 2 MB and for files over 5 MB together', () => {
    const big = thrown(() => checkMediaFiles([{ fileName: 'big.jpg', contentType: 'image/jpeg', data: sized(2_345_678) }], labels));
    expect(big.message).toBe('binary property "p0" ("big.jpg") is 2.35 MB (2345678 bytes); Plivo accepts at most 2 MB per file.');
    const files = [0, 1, 2].map(() => ({ fileName: 'p.jpg', contentType: 'image/jpeg', data: sized(1_800_000) }));
    const total = thrown(() => checkMediaFiles(files, labels, { text: 'Our menu' }));
    expect(total).toMatchObject({ field: 'options.mediaFromBinary' });
    expect(total.message).toBe('options.mediaFromBinary: the files and text come to 5.40 MB (5400008 bytes); an MMS must stay under 5 MB.');
  });

  it('counts media URLs of the same message against the 10 media of an MMS', () => {
    const files = Array.from({ length: 8 }, () => ({ fileName: 'a.gif', contentType: 'image/gif', data: PNG }));
    expect(checkMediaFiles(files, labels, { mediaUrls: ['https://x.test/1.png', 'https://x.test/2.png'] })).toHaveLength(8);
    const error = thrown(() => checkMediaFiles(files, labels, { mediaUrls: ['https://x.test/1.png', 'https://x.test/2.png', 'https://x.test/3.png'] }));
    expect(error.message).toBe('options.mediaFromBinary: 11 files and media URLs; Plivo takes at most 10 per MMS.');
  });

  it('refuses an empty list, an empty file and something that is not a file', () => {
    expect(thrown(() => checkMediaFiles([], labels)).message).toBe('options.mediaFromBinary lists no files.');
    expect(thrown(() => checkMediaFiles([{ fileName: 'a.png', contentType: 'image/png', data: new Uint8Array(0) }], labels)).message).toBe(
      'binary property "p0" ("a.png") is empty.',
    );
    expect(thrown(() => checkMediaFiles([{ fileName: 'a.png', data: 'a.png' } as unknown as MediaFile], labels)).field).toBe('binary property "p0"');
  });

  // Property: whatever the files, the check fails exactly when a limit is broken, and then names what broke it.
  const fileArb = fc.record({
    size: fc.oneof(fc.integer({ min: 1, max: 400_000 }), fc.integer({ min: 1_900_000, max: 2_100_000 })),
    type: fc.oneof(fc.constantFrom(...PLIVO_MMS_CONTENT_TYPES), fc.constantFrom('application/zip', 'video/x-msvideo', 'text/html')),
  });
  it('fails for any list over a limit, naming it, and passes any list within all of them', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 12 }), fc.nat(3), (specs, urls) => {
        const files = specs.map((spec, index) => ({ fileName: `f${index}`, contentType: spec.type, data: sized(spec.size) }));
        const mediaUrls = Array.from({ length: urls }, (_, index) => `https://x.test/${index}.png`);
        const tooMany = specs.length + urls > PLIVO_MEDIA_LIMITS.maxMediaPerMessage;
        const badType = specs.findIndex((spec) => !PLIVO_MMS_CONTENT_TYPES.includes(spec.type));
        const tooBig = specs.findIndex((spec) => spec.size > PLIVO_MEDIA_LIMITS.maxFileBytes);
        const total = specs.reduce((sum, spec) => sum + spec.size, 0);
        const run = () => checkMediaFiles(files, { field: 'media_files' }, { mediaUrls });
        if (!tooMany && badType < 0 && tooBig < 0 && total < PLIVO_MEDIA_LIMITS.maxMessageBytes) {
          expect(run()).toHaveLength(files.length);
          return;
        }
        const error = thrown(run);
        expect(error.code).toBe('INVALID_INPUT');
        if (tooMany) expect(error.message).toContain('Plivo takes at most 10 per MMS');
        else {
          const first = [badType, tooBig].filter((index) => index >= 0).sort((a, b) => a - b)[0];
          if (first === undefined) expect(error.message).toContain('an MMS must stay under 5 MB');
          else expect(error.field).toBe(`media_files[${first}]`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the multipart body', () => {
  let server: Server;
  let folder: string;
  let captured: { contentType: string; body: Buffer } | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'textbridge-multipart-'));
    await writeFile(join(folder, 'logo.png'), PNG);
    await writeFile(join(folder, 'menu.pdf'), '%PDF-1.4 menu\r\n--not a boundary\r\n');
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        captured = { contentType: String(req.headers['content-type']), body: Buffer.concat(chunks) };
        res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ api_id: 'x', objects: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it('is byte for byte what the official plivo SDK sends for media.upload (boundary aside)', async () => {
    const { port } = server.address() as AddressInfo;
    const sdk = new plivo.Client('MAZDQ1ZJI0YZLMNZQ2OT', 'token', { url: `http://127.0.0.1:${port}/v1/Account/MAZDQ1ZJI0YZLMNZQ2OT` });
    await sdk.media.upload([join(folder, 'logo.png'), join(folder, 'menu.pdf')]);
    const sdkBoundary = /boundary=(.+)$/.exec(captured!.contentType)![1]!;
    const ours = buildMultipartBody(
      [
        { name: 'file', fileName: 'logo.png', contentType: 'image/png', data: PNG },
        { name: 'file', fileName: 'menu.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('%PDF-1.4 menu\r\n--not a boundary\r\n') },
      ],
      sdkBoundary,
    );
    expect(captured!.contentType).toBe(ours.contentType);
    expect(Buffer.from(ours.body).toString('latin1')).toBe(captured!.body.toString('latin1'));
  });

  it('is read back by a standard form parser, file names with quotes and line breaks included', async () => {
    const { body, contentType } = buildMultipartBody([
      { name: 'file', fileName: 'my "best"\r\nphoto é.png', contentType: 'image/png', data: PNG },
    ]);
    const form = await new Response(Buffer.from(body), { headers: { 'Content-Type': contentType } }).formData();
    const file = form.get('file') as File;
    // Quotes and line breaks travel percent-encoded (they would end the header) and come back as they were.
    expect(file.name).toBe('my "best"\r\nphoto é.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });
});

describe('uploadMedia', () => {
  const files: MediaFile[] = [
    { fileName: 'logo.png', contentType: 'image/png', data: PNG },
    { fileName: 'menu.pdf', contentType: 'application/pdf', data: new TextEncoder().encode('%PDF') },
  ];
  const stored = (name: string, id: string) => ({ media_id: id, file_name: name, status: 'success', status_code: 201, size: 4 });

  it('posts the files as multipart/form-data to Media/ and resolves with their media ids in order', async () => {
    let seen: { type?: string; body?: ArrayBuffer } = {};
    plivoApi()
      .post(`${ACCOUNT}/Media/`)
      .reply((async (request: Request) => {
        seen = { type: request.headers.get('content-type') ?? '', body: await request.arrayBuffer() };
        return [200, { api_id: 'up-1', objects: [stored('logo.png', 'id-1'), stored('menu.pdf', 'id-2')] }];
      }) as never);
    expect(await testClient().uploadMedia(files)).toEqual(['id-1', 'id-2']);
    expect(seen.type).toMatch(/^multipart\/form-data; boundary=-+textbridge[0-9a-f]{24}$/);
    const form = await new Response(seen.body, { headers: { 'Content-Type': seen.type! } }).formData();
    expect((form.getAll('file') as File[]).map((file) => [file.name, file.type, file.size])).toEqual([
      ['logo.png', 'image/png', PNG.length],
      ['menu.pdf', 'application/pdf', 4],
    ]);
  });

  it('checks the files before any request (nothing is uploaded)', async () => {
    const scope = plivoApi().post(`${ACCOUNT}/Media/`).reply(200, {});
    await expect(testClient().uploadMedia([{ fileName: 'a.zip', contentType: 'application/zip', data: PNG }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'files[0]',
      message: expect.stringMatching(/^Upload media: files\[0\] \("a.zip"\) is of type application\/zip/),
    });
    expect(scope.isDone()).toBe(false);
  });

  it('fails naming the file Plivo did not store', async () => {
    plivoApi()
      .post(`${ACCOUNT}/Media/`)
      .reply(200, { api_id: 'up-2', objects: [stored('logo.png', 'id-1'), { file_name: 'menu.pdf', status: 'failure', error: 'invalid file' }] });
    await expect(testClient().uploadMedia(files)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'files[1]',
      message: 'Upload media: Plivo did not store "menu.pdf" (invalid file).',
    });
  });

  it('is not retried after an answer that may hide a stored upload (a 500)', async () => {
    const first = plivoApi().post(`${ACCOUNT}/Media/`).reply(500, { api_id: 'e', error: 'internal error' });
    const retry = plivoApi().post(`${ACCOUNT}/Media/`).reply(200, { api_id: 'ok', objects: [stored('logo.png', 'id-1'), stored('menu.pdf', 'id-2')] });
    await expect(testClient().uploadMedia(files)).rejects.toMatchObject({ code: 'PLIVO_SERVER_ERROR', status: 500 });
    expect(first.isDone()).toBe(true);
    expect(retry.isDone()).toBe(false);
  });

  it('is retried after a 429 (Plivo refused it: nothing was stored)', async () => {
    plivoApi().post(`${ACCOUNT}/Media/`).reply(429, { api_id: 'r', error: 'too many requests' }, { 'Retry-After': '0' });
    plivoApi().post(`${ACCOUNT}/Media/`).reply(200, { api_id: 'ok', objects: [stored('logo.png', 'id-9')] });
    expect(await testClient().uploadMedia([files[0]!])).toEqual(['id-9']);
  });
});

describe('a send with media ids', () => {
  it('sends media_ids, makes an MMS without a type, and counts them with media URLs', async () => {
    let body: Record<string, unknown> = {};
    plivoApi()
      .post(`${ACCOUNT}/Message/`, (sent: Record<string, unknown>) => ((body = sent), true))
      .reply(202, SEND_ANSWER);
    const request = parseSendRequest({ src: '+14155550100', dst: '+14155550101', mediaIds: ['id-1'], mediaUrls: ['https://x.test/a.png'] });
    expect(request.type).toBe('mms');
    await testClient().sendMessage(request);
    expect(body).toMatchObject({ type: 'mms', media_ids: ['id-1'], media_urls: ['https://x.test/a.png'] });
    expect(body).not.toHaveProperty('text');

    const eleven = { src: '+14155550100', dst: '+14155550101', mediaIds: Array.from({ length: 6 }, (_, i) => `m${i}`), mediaUrls: Array.from({ length: 5 }, (_, i) => `https://x.test/${i}.png`) };
    expect(thrown(() => parseSendRequest(eleven)).message).toBe('mediaIds: 11 media URLs and files; Plivo takes at most 10 per MMS.');
    expect(thrown(() => parseSendRequest({ src: '+14155550100', dst: '+14155550101', type: 'sms', text: 'x', mediaIds: ['m'] })).message).toBe(
      'mediaIds can only be sent in an MMS.',
    );
  });
});

