// The sandbox's Media upload checks files like Plivo (type, 2 MB per file, 10 per upload) with Plivo's error shape,
// takes bodies as large as Plivo's largest upload on that route only, and core's uploadMedia + mediaIds send an MMS
// whose media are the uploaded files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlivoClient, parseSendRequest, type PlivoClient, type Sandbox } from '../../src/index.js';
import { MAX_BODY_BYTES, MAX_MEDIA_UPLOAD_BYTES } from '../../src/sandbox/http.js';
import { account, basicAuth, call, startTestSandbox } from './helpers.js';

const OWNED = '+14155552671';
let sandbox: Sandbox;
let client: PlivoClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
});
afterAll(() => sandbox.stop());

async function upload(files: { name: string; type: string; bytes: number }[]) {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${sandbox.url}${account(sandbox, 'Media/')}`, {
    method: 'POST',
    headers: { Authorization: basicAuth(sandbox.authId, sandbox.authToken) },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sandbox Media upload', () => {
  it('takes an upload larger than other bodies (three files of 1.9 MB) and the MMS sent with their ids carries them', async () => {
    const photo = (name: string) => ({ fileName: name, contentType: 'image/jpeg', data: new Uint8Array(1_900_000) });
    const ids = await client.uploadMedia([photo('a.jpg'), photo('b.jpg')]);
    expect(3 * 1_900_000).toBeGreaterThan(MAX_BODY_BYTES);
    const more = await upload([1, 2, 3].map((n) => ({ name: `p${n}.png`, type: 'image/png', bytes: 1_900_000 })));
    expect(more.status).toBe(202);
    expect(ids).toHaveLength(2);

    const sent = await client.sendMessage(parseSendRequest({ src: OWNED, dst: '+14155550110', text: 'Two photos', mediaIds: ids }));
    const media = await call(sandbox, 'GET', account(sandbox, `Message/${sent.messageUuids[0]}/Media/`));
    expect(media.body.objects).toEqual([
      expect.objectContaining({ file_name: 'a.jpg', content_type: 'image/jpeg' }),
      expect.objectContaining({ file_name: 'b.jpg', content_type: 'image/jpeg' }),
    ]);
  });

  it("refuses, in Plivo's error shape, a file over 2 MB, a type Plivo does not take, an empty file and more than 10 files", async () => {
    const cases: [Parameters<typeof upload>[0], string][] = [
      [[{ name: 'big.jpg', type: 'image/jpeg', bytes: 2_000_001 }], 'file big.jpg is larger than the maximum size of 2MB'],
      [[{ name: 'tool.exe', type: 'application/x-msdownload', bytes: 10 }], 'file tool.exe: content type application/x-msdownload is not supported for mms'],
      [[{ name: 'none.png', type: 'image/png', bytes: 0 }], 'file none.png is empty'],
      [Array.from({ length: 11 }, (_, i) => ({ name: `${i}.gif`, type: 'image/gif', bytes: 5 })), 'too many files: at most 10 files can be uploaded at once'],
    ];
    const before = (await call(sandbox, 'GET', account(sandbox, 'Media/?limit=1'))).body.meta.total_count;
    for (const [files, text] of cases) {
      expect(await upload(files)).toEqual({ status: 400, body: { api_id: expect.any(String), error: text } });
    }
    // Nothing of a refused upload is stored.
    expect((await call(sandbox, 'GET', account(sandbox, 'Media/?limit=1'))).body.meta.total_count).toBe(before);
  });

  it('tells an unknown type from the file name, as it does for media URLs', async () => {
    const answer = await upload([{ name: 'menu.pdf', type: 'application/octet-stream', bytes: 8 }]);
    expect(answer.body.objects).toEqual([expect.objectContaining({ content_type: 'application/pdf' })]);
  });

  it('answers 413 to an upload over its own limit, while other routes keep theirs', async () => {
    const tooBig = await fetch(`${sandbox.url}${account(sandbox, 'Media/')}`, {
      method: 'POST',
      headers: { Authorization: basicAuth(sandbox.authId, sandbox.authToken), 'Content-Type': 'multipart/form-data; boundary=x' },
      body: new Uint8Array(MAX_MEDIA_UPLOAD_BYTES + 1),
    });
    expect(tooBig.status).toBe(413);
    const message = await fetch(`${sandbox.url}${account(sandbox, 'Message/')}`, {
      method: 'POST',
      headers: { Authorization: basicAuth(sandbox.authId, sandbox.authToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ src: OWNED, dst: '+14155550123', text: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(message.status).toBe(413);
  });
});
