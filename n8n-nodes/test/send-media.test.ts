// Message > Send with "Media From Binary", through WorkflowExecute: the item's binary files are uploaded with Plivo's
// Media API (multipart, with their file names and MIME types) and the MMS is sent with their media ids; a missing
// property or a file Plivo would refuse is that item's error, before anything is uploaded or sent.
import nock from 'nock';
import type { IBinaryKeyData } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_PATH, PLIVO, replyTo, runPlivoSms } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const binaryFile = (fileName: string, mimeType: string, data: Buffer = PNG) => ({ data: data.toString('base64'), mimeType, fileName });

const mmsParams = (mediaFromBinary: string) => ({
  resource: 'message',
  operation: 'send',
  senderType: 'src',
  from: { __rl: true, mode: 'id', value: '+14155550100' },
  to: '={{ $json.to }}',
  messageType: 'mms',
  text: '={{ $json.text }}',
  mediaUrls: '',
  options: { mediaFromBinary },
});

interface Upload {
  files: { name: string; type: string; size: number }[];
}

/** Nock for the Media API: records each upload's files and answers with ids m1, m2, … */
function mediaApi(uploads: Upload[]) {
  let next = 0;
  return nock(PLIVO)
    .post(`${ACCOUNT_PATH}/Media/`)
    .times(10)
    .reply((async (request: Request) => {
      const form = await request.formData();
      const files = (form.getAll('file') as File[]).map((file) => ({ name: file.name, type: file.type, size: file.size }));
      uploads.push({ files });
      return [200, { api_id: 'up', objects: files.map((file) => ({ media_id: `m${++next}`, file_name: file.name, status: 'success' })) }];
    }) as never);
}

function messageApi(bodies: Record<string, unknown>[]) {
  return nock(PLIVO)
    .post(`${ACCOUNT_PATH}/Message/`)
    .times(10)
    .reply(
      replyTo(({ body }) => {
        bodies.push(body);
        return [202, { api_id: 'api', message: 'queued', message_uuid: String(body.dst).split('<').map((_, i) => `uuid-${bodies.length}-${i}`) }];
      }),
    );
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS > Message > Send > Media From Binary', () => {
  it('uploads the named binary properties and sends the MMS with their media ids', async () => {
    const uploads: Upload[] = [];
    const bodies: Record<string, unknown>[] = [];
    mediaApi(uploads);
    messageApi(bodies);
    const binary: IBinaryKeyData[] = [
      { data: binaryFile('logo.png', 'image/png'), attachment: binaryFile('menu.pdf', 'application/pdf', Buffer.from('%PDF-1.4')) },
    ];
    const { output, error } = await runPlivoSms(mmsParams('data, attachment'), [{ to: '+14155550101', text: 'Our menu' }], { binary });

    expect(error).toBeUndefined();
    expect(uploads).toEqual([
      {
        files: [
          { name: 'logo.png', type: 'image/png', size: PNG.length },
          { name: 'menu.pdf', type: 'application/pdf', size: 8 },
        ],
      },
    ]);
    expect(bodies).toEqual([expect.objectContaining({ type: 'mms', text: 'Our menu', media_ids: ['m1', 'm2'] })]);
    expect(bodies[0]).not.toHaveProperty('media_urls');
    expect(output![0]!.json).toMatchObject({ status: 'queued', messageUuid: 'uuid-1-0' });
  });

  it('with continue on fail, an item without the binary property is an error item naming it; the others are sent', async () => {
    const uploads: Upload[] = [];
    const bodies: Record<string, unknown>[] = [];
    mediaApi(uploads);
    messageApi(bodies);
    const items = [{ to: '+14155550101' }, { to: '+14155550102' }, { to: '+14155550103' }];
    const binary: IBinaryKeyData[] = [{ data: binaryFile('a.png', 'image/png') }, { other: binaryFile('b.png', 'image/png') }, { data: binaryFile('c.gif', 'image/gif') }];
    const { output, error } = await runPlivoSms(mmsParams('data'), items, { binary, continueOnFail: true });

    expect(error).toBeUndefined();
    expect(output).toHaveLength(3);
    expect(output![1]!.json.error).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'options.mediaFromBinary',
      message: 'options.mediaFromBinary: the item has no binary property "data".',
      hint: 'It has: other.',
    });
    expect(output![1]!.pairedItem).toEqual({ item: 1 });
    expect(uploads.map((upload) => upload.files[0]!.name)).toEqual(['a.png', 'c.gif']);
    expect(bodies.map((body) => [body.dst, body.media_ids])).toEqual([
      ['14155550101', ['m1']],
      ['14155550103', ['m2']],
    ]);
    expect(output![0]!.json).toMatchObject({ status: 'queued' });
    expect(output![2]!.json).toMatchObject({ status: 'queued' });
  });

  it('without continue on fail, a file Plivo would refuse fails the node before anything is uploaded or sent', async () => {
    const uploads: Upload[] = [];
    const bodies: Record<string, unknown>[] = [];
    mediaApi(uploads);
    messageApi(bodies);
    const { error } = await runPlivoSms(mmsParams('data'), [{ to: '+14155550101' }], {
      binary: [{ data: binaryFile('archive.zip', 'application/zip') }],
    });

    expect(error?.message).toContain('binary property "data" ("archive.zip") is of type application/zip, which Plivo does not accept for MMS.');
    expect(uploads).toEqual([]);
    expect(bodies).toEqual([]);
  });
});
