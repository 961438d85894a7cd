// MMS from files in a real n8n, with our package installed from its tarball, against the sandbox: a Code node makes
// items with binary files, Send (MMS, Media From Binary) uploads them with the Media API and sends their media ids;
// an item without the binary property goes to the error output and the others are still sent.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../core/src/index.js';
import { createN8nInstance, nodeOutputItems, type N8nInstance } from '../../support/n8n-runner.js';
import { packN8nPackage } from '../../support/n8n-community-package.js';
import { plivoSmsCredential, plivoSmsNodeType } from '../../support/plivo-workflows.js';

const COLD_INSTALL_TIMEOUT_MS = 15 * 60_000;
const NODES_DIST = fileURLToPath(new URL('../../../n8n-nodes/dist/', import.meta.url));
const WORKFLOW_ID = 'tbE2eMmsBinary01';
const PNG_BASE64 = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex').toString('base64');
const GIF_BASE64 = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1').toString('base64');

/** Three items: a PNG, one without the `data` property (only `other`), a GIF. */
const ITEMS_CODE = `return [
  { json: { to: '+12025550181' }, binary: { data: { data: '${PNG_BASE64}', mimeType: 'image/png', fileName: 'logo.png' } } },
  { json: { to: '+12025550182' }, binary: { other: { data: '${PNG_BASE64}', mimeType: 'image/png', fileName: 'x.png' } } },
  { json: { to: '+12025550183' }, binary: { data: { data: '${GIF_BASE64}', mimeType: 'image/gif', fileName: 'wave.gif' } } },
];`;

describe.sequential('Send MMS from binary files in a real n8n, against the sandbox', () => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;

  beforeAll(async () => {
    if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
    sandbox = await startSandbox({ port: 0 });
    n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), onProgress: (line) => console.log(line) });
    const credential = plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    await n8n.importCredentials([credential]);
    await n8n.importWorkflow({
      id: WORKFLOW_ID,
      name: 'e2e: MMS from binary',
      nodes: [
        { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        { id: randomUUID(), name: 'Files', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: ITEMS_CODE } },
        {
          id: randomUUID(),
          name: 'Send MMS',
          type: plivoSmsNodeType,
          typeVersion: 1,
          position: [440, 0],
          credentials: { plivoSmsApi: { id: credential.id, name: credential.name } },
          onError: 'continueErrorOutput',
          parameters: {
            resource: 'message',
            operation: 'send',
            senderType: 'src',
            from: { __rl: true, mode: 'id', value: sandbox.numbers[0]! },
            to: '={{ $json.to }}',
            messageType: 'mms',
            text: 'Your photo',
            mediaUrls: '',
            options: { mediaFromBinary: 'data' },
          },
        },
      ],
      connections: {
        Start: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
        Files: { main: [[{ node: 'Send MMS', type: 'main', index: 0 }]] },
      },
    });
  }, COLD_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.stop();
  }, 60_000);

  it('uploads each item’s file, sends the MMS with its media id, and sends the item without one to the error output', async () => {
    const run = await n8n.execute(WORKFLOW_ID);

    const sent = nodeOutputItems(run, 'Send MMS', 0);
    const failed = nodeOutputItems(run, 'Send MMS', 1);
    expect(sent.map((item) => [item.pairedItem, item.json.status])).toEqual([
      [{ item: 0 }, 'queued'],
      [{ item: 2 }, 'queued'],
    ]);
    expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
    expect(failed[0]!.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'options.mediaFromBinary', message: expect.stringContaining('"data"') });

    const files = (dst: string) => {
      const message = sandbox.state.messages.find((entry) => entry.direction === 'outbound' && entry.dst === dst);
      return message?.mediaUrls.map((url) => {
        const media = sandbox.state.media.get(url.split('/Media/')[1]!.replace(/\/$/, ''));
        return media && [media.fileName, media.contentType, media.size];
      });
    };
    expect(files('12025550181')).toEqual([['logo.png', 'image/png', 20]]);
    expect(files('12025550183')).toEqual([['wave.gif', 'image/gif', 10]]);
    expect(sandbox.state.messages.some((entry) => entry.dst === '12025550182')).toBe(false);
  }, 240_000);
});
