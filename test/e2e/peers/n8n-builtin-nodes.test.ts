// The README's comparison table, run: n8n's built-in Plivo and Twilio nodes and our Plivo SMS node, in the same real
// n8n, on the same inputs. The built-in nodes hard-code https://api.plivo.com and https://api.twilio.com; a preload
// (test/support/api-origin-redirect.mjs) answers Plivo's origin from the sandbox and Twilio's from a loopback
// recorder (it answers as Twilio's Messages API does, and refuses a `To` without digits as Twilio does, code 21211),
// so every request each node makes is seen. Each workflow runs in its own `n8n execute`.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../core/src/sandbox/index.js';
import { packN8nPackage } from '../../support/n8n-community-package.js';
import {
  createN8nInstance,
  ensureN8nInstalled,
  nodeOutputItems,
  type N8nInstance,
  type N8nRun,
  type N8nWorkflowInput,
} from '../../support/n8n-runner.js';
import { plivoSmsCredential, plivoSmsNodeType } from '../../support/plivo-workflows.js';

const REDIRECT_PRELOAD = pathToFileURL(new URL('../../support/api-origin-redirect.mjs', import.meta.url).pathname).href;
const OUR_NUMBER = '+14155552671';
/** 114 characters: GSM-7 once ½ … – are written 1/2 ... - (one segment); as typed, UCS-2 (two segments). */
const TEXT_WITH_LOOKALIKES = 'Hi Ada, your table for 2½ is ready at Café Lumière… please arrive 7–8 pm and show this message at the door.';
const SHARED_TEXT = 'Reminder: your appointment is tomorrow at 09:30. Reply C to confirm.';
/** Sandbox limit for the whole file: 12 requests per 5 s (each `n8n execute` takes longer than that to start). */
const RATE_LIMIT = { requests: 12, windowMs: 5000, listMessages: false as const };

interface TwilioRequest {
  path: string;
  form: URLSearchParams;
}

/** Answers POST …/Messages.json like Twilio's API; records every request. */
async function startTwilioRecorder(): Promise<{ url: string; requests: TwilioRequest[]; server: Server }> {
  const requests: TwilioRequest[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(parts).toString('utf8'));
      requests.push({ path: request.url ?? '', form });
      const to = form.get('To') ?? '';
      response.setHeader('content-type', 'application/json');
      if (!/\d/.test(to)) {
        response.statusCode = 400;
        response.end(JSON.stringify({ code: 21211, message: `Invalid 'To' Phone Number: ${to}`, status: 400 }));
        return;
      }
      response.statusCode = 201;
      response.end(JSON.stringify({ sid: `SM${randomUUID().replace(/-/g, '')}`, status: 'queued', to, from: form.get('From'), body: form.get('Body') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, requests, server };
}

/** Manual Trigger → a Code node emitting `items` → the node under test. */
function workflow(id: string, items: Record<string, unknown>[], node: Record<string, unknown>): N8nWorkflowInput {
  const jsCode = `return ${JSON.stringify(items)}.map((json) => ({ json }));`;
  return {
    id,
    name: `peers ${id}`,
    nodes: [
      { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { id: randomUUID(), name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode } },
      { id: randomUUID(), name: 'Send', position: [440, 0], ...node },
    ],
    connections: {
      Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
      Items: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
    },
  };
}

const contacts = (count: number): { name: string; phone: string }[] =>
  Array.from({ length: count }, (_, index) => ({ name: `Contact ${index}`, phone: `+1212555${String(index).padStart(4, '0')}` }));

const builtInPlivo = (text: string): Record<string, unknown> => ({
  type: 'n8n-nodes-base.plivo',
  typeVersion: 1,
  credentials: { plivoApi: { id: 'tbPeersPlivo00001', name: 'built-in Plivo' } },
  parameters: { resource: 'sms', operation: 'send', from: OUR_NUMBER, to: '={{ $json.phone }}', message: text },
});

const builtInTwilio = (text: string): Record<string, unknown> => ({
  type: 'n8n-nodes-base.twilio',
  typeVersion: 1,
  credentials: { twilioApi: { id: 'tbPeersTwilio0001', name: 'built-in Twilio' } },
  parameters: { resource: 'sms', operation: 'send', from: OUR_NUMBER, to: '={{ $json.phone }}', toWhatsapp: false, message: text, options: {} },
});

const ours = (text: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: plivoSmsNodeType,
  typeVersion: 1,
  credentials: { plivoSmsApi: { id: 'tbPeersOurs000001', name: 'ours' } },
  parameters: {
    resource: 'message',
    operation: 'send',
    senderType: 'src',
    from: { __rl: true, mode: 'id', value: OUR_NUMBER },
    to: '={{ $json.phone }}',
    messageType: 'sms',
    text,
    options,
  },
  ...extra,
});

describe.sequential("the README's comparison: n8n's built-in Plivo and Twilio nodes and ours, in one real n8n", () => {
  let sandbox: Sandbox;
  let twilio: Awaited<ReturnType<typeof startTwilioRecorder>>;
  let n8n: N8nInstance;
  let n8nDir: string;
  let counter = 0;

  /** Runs the workflow; a run that fails (the built-in nodes stop at the first error) gives null. */
  const run = async (items: Record<string, unknown>[], node: Record<string, unknown>): Promise<N8nRun | null> => {
    const id = `tbPeers${String(++counter).padStart(4, '0')}`;
    await n8n.importWorkflow(workflow(id, items, node));
    try {
      const result = await n8n.execute(id);
      return result.data.resultData.error ? null : result;
    } catch {
      return null;
    }
  };
  const requestsTo = async <T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> => {
    const before = sandbox.state.requestCounts.total;
    const result = await work();
    return { result, requests: sandbox.state.requestCounts.total - before };
  };
  const apiMessagesSince = (count: number) => sandbox.state.messages.filter((message) => message.origin === 'api').slice(count);
  const apiMessageCount = (): number => sandbox.state.messages.filter((message) => message.origin === 'api').length;

  beforeAll(async () => {
    const installation = await ensureN8nInstalled();
    n8nDir = installation.n8nDir;
    sandbox = await startSandbox({ port: 0, rateLimit: RATE_LIMIT, deliveryDelayMs: 0 });
    twilio = await startTwilioRecorder();
    n8n = await createN8nInstance({
      installation,
      communityPackage: await packN8nPackage(),
      env: {
        NODE_OPTIONS: `--import=${REDIRECT_PRELOAD}`,
        TEXTBRIDGE_PLIVO_REDIRECT_TARGET: sandbox.url,
        TEXTBRIDGE_TWILIO_REDIRECT_TARGET: twilio.url,
        TEXTBRIDGE_NOCK_PATH: createRequire(import.meta.url).resolve('nock'),
      },
    });
    await n8n.importCredentials([
      plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url }, 'tbPeersOurs000001', 'ours'),
      { id: 'tbPeersPlivo00001', name: 'built-in Plivo', type: 'plivoApi', data: { authId: sandbox.authId, authToken: sandbox.authToken } },
      {
        id: 'tbPeersTwilio0001',
        name: 'built-in Twilio',
        type: 'twilioApi',
        data: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'twilio-test-token-0000' },
      },
    ]);
  }, 20 * 60_000);

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.stop();
    await new Promise((resolve) => twilio?.server.close(resolve));
  }, 60_000);

  it('what each node offers, read from the node types n8n loads: operations, triggers, options', () => {
    const load = (file: string, name: string): { description: { properties: { name: string; options?: { value?: unknown; name: string }[] }[]; usableAsTool?: boolean } } => {
      const base = createRequire(`${n8nDir}/node_modules/n8n-nodes-base/package.json`);
      const NodeType = (base(`./dist/nodes/${file}`) as Record<string, new () => never>)[name]!;
      return new NodeType();
    };
    const values = (node: ReturnType<typeof load>, property: string): unknown[] =>
      node.description.properties.filter((entry) => entry.name === property).flatMap((entry) => (entry.options ?? []).map((option) => option.value ?? option.name));
    const plivo = load('Plivo/Plivo.node.js', 'Plivo');
    const twilioNode = load('Twilio/Twilio.node.js', 'Twilio');
    // Built-in Plivo: send SMS, send MMS (media URLs), make a call; no options at all (no status callback), no trigger.
    expect(values(plivo, 'resource').sort()).toEqual(['call', 'mms', 'sms']);
    expect(values(plivo, 'operation').sort()).toEqual(['make', 'send', 'send']);
    expect(plivo.description.properties.some((entry) => entry.name === 'options')).toBe(false);
    expect(() => load('Plivo/PlivoTrigger.node.js', 'PlivoTrigger')).toThrow();
    // Built-in Twilio: send SMS (or WhatsApp) and make a call; one option, the status callback URL; no media.
    expect(values(twilioNode, 'resource').sort()).toEqual(['call', 'sms']);
    expect(values(twilioNode, 'options')).toEqual(['statusCallback']);
    expect(twilioNode.description.properties.some((entry) => /media/i.test(entry.name))).toBe(false);
    // Twilio's trigger: inbound messages and call summaries, through Twilio's Event Streams; no delivery status.
    const trigger = load('Twilio/TwilioTrigger.node.js', 'TwilioTrigger');
    expect(values(trigger, 'updates')).toEqual(['com.twilio.messaging.inbound-message.received', 'com.twilio.voice.insights.call-summary.complete']);
    expect([plivo.description.usableAsTool, twilioNode.description.usableAsTool]).toEqual([true, true]);
  });

  it('one text to 10 contacts: built-in Plivo and Twilio make 10 requests, ours 1', async () => {
    const items = contacts(10);
    const builtIn = await requestsTo(() => run(items, builtInPlivo(SHARED_TEXT)));
    expect(builtIn.result).not.toBeNull();
    expect(builtIn.requests).toBe(10);
    const twilioBefore = twilio.requests.length;
    expect(await run(items, builtInTwilio(SHARED_TEXT))).not.toBeNull();
    expect(twilio.requests.length - twilioBefore).toBe(10);
    const ourRun = await requestsTo(() => run(items, ours(SHARED_TEXT)));
    expect(ourRun.result).not.toBeNull();
    expect(ourRun.requests).toBe(1);
    expect(nodeOutputItems(ourRun.result!, 'Send').map((item) => item.json.status)).toEqual(Array(10).fill('queued'));
  }, 240_000);

  it('a US number written nationally, text with ½ … –: built-in Plivo sends it to Egypt in UCS-2; Twilio passes it on as typed; ours (Default Country US, Smart Encoding when it saves parts) sends to the US in GSM-7', async () => {
    const items = [{ name: 'Ada', phone: '(202) 555-0100' }];
    let seen = apiMessageCount();
    expect(await run(items, builtInPlivo(TEXT_WITH_LOOKALIKES))).not.toBeNull();
    const [builtIn] = apiMessagesSince(seen);
    // Plivo reads "(202) 555-0100" as the digits 2025550100: country code 20.
    expect(builtIn).toMatchObject({ dst: '2025550100', countryIso2: 'EG', encoding: 'UCS-2', segmentCount: 2 });

    const twilioBefore = twilio.requests.length;
    expect(await run(items, builtInTwilio(TEXT_WITH_LOOKALIKES))).not.toBeNull();
    const [sentToTwilio] = twilio.requests.slice(twilioBefore);
    expect(sentToTwilio!.form.get('To')).toBe('(202) 555-0100');
    expect(sentToTwilio!.form.get('Body')).toBe(TEXT_WITH_LOOKALIKES);

    seen = apiMessageCount();
    const ourRun = await run(items, ours(TEXT_WITH_LOOKALIKES, { defaultCountry: 'US', smartEncoding: 'auto' }));
    expect(ourRun).not.toBeNull();
    const [ourMessage] = apiMessagesSince(seen);
    expect(ourMessage).toMatchObject({ dst: '12025550100', countryIso2: 'US', encoding: 'GSM-7', segmentCount: 1 });
    expect(ourMessage!.text).toContain('2 1/2');
  }, 240_000);

  it('a bad number between two good ones: the built-in nodes stop there (the third is never sent); ours sends both good ones and puts the bad one on the error output', async () => {
    const items = [
      { name: 'First', phone: '+12125550201' },
      { name: 'Broken', phone: 'call me' },
      { name: 'Third', phone: '+12125550203' },
    ];
    let seen = apiMessageCount();
    expect(await run(items, builtInPlivo('=Hi {{ $json.name }}'))).toBeNull();
    expect(apiMessagesSince(seen).map((message) => message.dst)).toEqual(['12125550201']);

    const twilioBefore = twilio.requests.length;
    expect(await run(items, builtInTwilio('=Hi {{ $json.name }}'))).toBeNull();
    expect(twilio.requests.slice(twilioBefore).map((request) => request.form.get('To'))).toEqual(['+12125550201', 'call me']);

    seen = apiMessageCount();
    const ourRun = await run(items, ours('=Hi {{ $json.name }}', {}, { onError: 'continueErrorOutput' }));
    expect(ourRun).not.toBeNull();
    expect(apiMessagesSince(seen).map((message) => message.dst).sort()).toEqual(['12125550201', '12125550203']);
    const failed = nodeOutputItems(ourRun!, 'Send', 1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.json.error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: expect.any(String) });
    expect(failed[0]!.pairedItem).toMatchObject({ item: 1 });
  }, 240_000);

  it("past the account's rate limit (12 requests / 5 s here): built-in Plivo fails at the first 429; ours waits and sends all 20", async () => {
    const items = contacts(20);
    let seen = apiMessageCount();
    expect(await run(items, builtInPlivo('=Hi {{ $json.name }}, see you tomorrow.'))).toBeNull();
    const builtInSent = apiMessagesSince(seen).length;
    expect(builtInSent).toBeGreaterThan(0);
    expect(builtInSent).toBeLessThanOrEqual(RATE_LIMIT.requests);

    seen = apiMessageCount();
    const ourRun = await run(items, ours('=Hi {{ $json.name }}, see you tomorrow.'));
    expect(ourRun).not.toBeNull();
    expect(apiMessagesSince(seen)).toHaveLength(20);
    expect(nodeOutputItems(ourRun!, 'Send').map((item) => item.json.status)).toEqual(Array(20).fill('queued'));
  }, 240_000);
});
