// Our n8n package inside a real n8n, installed from its `npm pack` tarball the way Settings → Community Nodes installs
// it, against the offline Plivo sandbox: a 200-contact personalised send executed headless, every operation's failed
// items on the error output, and a published Plivo SMS Trigger that answers an inbound text and refuses forged
// webhooks; a version 1 trigger (as saved before version 2) that still works, and follows its credential's edits.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlivoClient,
  parseSendRequest, plivoSignatureHeaders, startSandbox, type Sandbox } from '../../../core/src/index.js';
import { createN8nInstance, nodeOutputItems, waitForWebhook, type N8nInstance, type RunningN8n } from '../../support/n8n-runner.js';
import { packN8nPackage } from '../../support/n8n-community-package.js';
import { contactAt, contactsCodeNode, plivoSmsCredential, plivoSmsNodeType, plivoSmsTriggerNodeType } from '../../support/plivo-workflows.js';

const COLD_INSTALL_TIMEOUT_MS = 15 * 60_000;
const NODES_DIST = fileURLToPath(new URL('../../../n8n-nodes/dist/', import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONTACTS = 200;
const SEND_WORKFLOW_ID = 'tbE2eBulkSend001';
const TRIGGER_WORKFLOW_ID = 'tbE2eInboundEcho1';
const ERROR_OUTPUT_WORKFLOW_ID = 'tbE2eErrorOutput1';
/** Text of the message sent before the workflows run, for Get to find. */
const ALREADY_SENT = 'Already sent';
/** Each operation's node in the error-output workflow, with the parameters that read the item's fields. */
const OPERATIONS: Record<string, Record<string, unknown>> = {
  'Send (error output)': {
    resource: 'message',
    operation: 'send',
    senderType: 'src',
    to: '={{ $json.to }}',
    messageType: 'sms',
    text: '={{ $json.text }}',
    options: {},
  },
  'Get (error output)': { resource: 'message', operation: 'get', messageUuid: '={{ $json.uuid }}' },
  'Get Many (error output)': {
    resource: 'message',
    operation: 'getAll',
    returnAll: false,
    limit: 5,
    filters: { fromNumber: '={{ $json.fromFilter }}' },
  },
  'Look Up (error output)': { resource: 'number', operation: 'lookUp', number: '={{ $json.number }}' },
  'Analyze (error output)': { resource: 'text', operation: 'analyze', text: '={{ $json.analyzeText }}' },
};
const TRIGGER_WEBHOOK_ID = randomUUID();
const STATUS_V1_WORKFLOW_ID = 'tbE2eStatusV1';
const STATUS_V1_WEBHOOK_ID = randomUUID();
/** The version 1 trigger's own credential, edited while n8n runs. */
const ROTATING_CREDENTIAL = { id: 'tbPlivoRotating1', name: 'Plivo (token edited)' };
// Not one of contactAt's numbers, so the reply cannot be confused with a reminder.
const PHONE = '+12025550143';

/** What the Send node's text expression must make of contact `i`. */
function expectedText(i: number): string {
  const contact = contactAt(i);
  return `Hi ${contact.name}, your appointment is on ${contact.appointment}. Reply C to confirm.`;
}

describe.sequential('Plivo SMS nodes in a real n8n, against the sandbox', () => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;
  let server: RunningN8n | undefined;
  let ourNumber: string;

  beforeAll(async () => {
    if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
    sandbox = await startSandbox({ port: 0 });
    ourNumber = sandbox.numbers[0]!;
    n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), onProgress: (line) => console.log(line) });
    expect(existsSync(`${n8n.userFolder}/.n8n/nodes/node_modules/@textbridge/n8n-nodes-plivo/dist/lib/textbridge-core.js`)).toBe(true);
    const credential = plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    await n8n.importCredentials([credential]);
    const credentials = { plivoSmsApi: { id: credential.id, name: credential.name } };

    await n8n.importWorkflow({
      id: SEND_WORKFLOW_ID,
      name: 'e2e: appointment reminders',
      nodes: [
        { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        contactsCodeNode('Contacts', CONTACTS, [220, 0]),
        {
          id: randomUUID(),
          name: 'Send reminders',
          type: plivoSmsNodeType,
          typeVersion: 1,
          position: [440, 0],
          credentials,
          parameters: {
            resource: 'message',
            operation: 'send',
            senderType: 'src',
            from: { __rl: true, mode: 'id', value: ourNumber },
            to: '={{ $json.phone }}',
            messageType: 'sms',
            text: '=Hi {{ $json.name }}, your appointment is on {{ $json.appointment }}. Reply C to confirm.',
            options: {},
          },
        },
      ],
      connections: {
        Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
        Contacts: { main: [[{ node: 'Send reminders', type: 'main', index: 0 }]] },
      },
    });

    await n8n.importWorkflow({
      id: TRIGGER_WORKFLOW_ID,
      name: 'e2e: echo inbound texts',
      nodes: [
        {
          id: randomUUID(),
          name: 'Inbound SMS',
          type: plivoSmsTriggerNodeType,
          typeVersion: 2,
          position: [0, 0],
          webhookId: TRIGGER_WEBHOOK_ID,
          credentials,
          parameters: { event: 'inbound', numbers: [ourNumber], verifySignature: true, options: {} },
        },
        {
          id: randomUUID(),
          name: 'Reply',
          type: plivoSmsNodeType,
          typeVersion: 1,
          position: [220, 0],
          credentials,
          parameters: {
            resource: 'message',
            operation: 'send',
            senderType: 'src',
            from: { __rl: true, mode: 'id', value: '={{ $json.to }}' },
            to: '={{ $json.from }}',
            messageType: 'sms',
            text: '=You said: {{ $json.text }}',
            options: {},
          },
        },
      ],
      connections: { 'Inbound SMS': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
    });
    // Every operation, fed one good and one bad item, with "On Error: Continue (using error output)".
    const existing = await createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url }).sendMessage(parseSendRequest({
      src: ourNumber,
      dst: '+12025550177',
      text: ALREADY_SENT,
    }));
    const goodAndBad = [
      { to: '+12025550178', text: 'Hello', uuid: existing.messageUuids[0], fromFilter: ourNumber, number: '+12025550178', analyzeText: 'Hi' },
      { to: 'not a number', text: 'Hello', uuid: 'no-such-message', fromFilter: 'not a number', number: 'abc', analyzeText: { not: 'text' } },
    ];
    await n8n.importWorkflow({
      id: ERROR_OUTPUT_WORKFLOW_ID,
      name: 'e2e: error outputs',
      nodes: [
        { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
        {
          id: randomUUID(),
          name: 'Items',
          type: 'n8n-nodes-base.code',
          typeVersion: 2,
          position: [220, 0],
          parameters: { jsCode: `return ${JSON.stringify(goodAndBad)}.map((json) => ({ json }));` },
        },
        ...Object.entries(OPERATIONS).map(([name, parameters], index) => ({
          id: randomUUID(),
          name,
          type: plivoSmsNodeType,
          typeVersion: 1,
          position: [440, index * 200],
          credentials,
          onError: 'continueErrorOutput',
          parameters: name.startsWith('Send') ? { ...parameters, from: { __rl: true, mode: 'id', value: ourNumber } } : parameters,
        })),
      ],
      connections: {
        Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
        Items: { main: [Object.keys(OPERATIONS).map((node) => ({ node, type: 'main', index: 0 }))] },
      },
    });

    // Delivery reports into a version 1 trigger, with a credential of its own (edited in a test below).
    await n8n.importCredentials([
      plivoSmsCredential({ authId: sandbox.authId, authToken: 'first-token-of-the-v1-trigger-0001', baseUrl: sandbox.url }, ROTATING_CREDENTIAL.id, ROTATING_CREDENTIAL.name),
    ]);
    await n8n.importWorkflow({
      id: STATUS_V1_WORKFLOW_ID,
      name: 'e2e: delivery reports (trigger v1)',
      nodes: [
        {
          id: randomUUID(),
          name: 'Delivery Status',
          type: plivoSmsTriggerNodeType,
          typeVersion: 1,
          position: [0, 0],
          webhookId: STATUS_V1_WEBHOOK_ID,
          credentials: { plivoSmsApi: ROTATING_CREDENTIAL },
          parameters: { event: 'status', verifySignature: true, options: {} },
        },
      ],
      connections: {},
    });

    // A running n8n does not see activations made by the CLI: publish first, start later.
    await n8n.publishWorkflow(TRIGGER_WORKFLOW_ID);
    await n8n.publishWorkflow(STATUS_V1_WORKFLOW_ID);
  }, COLD_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.stop();
  }, 60_000);

  it('sends 200 personalised reminders: each recorded once by the sandbox, each item with a message UUID', async () => {
    const run = await n8n.execute(SEND_WORKFLOW_ID);

    const items = nodeOutputItems(run, 'Send reminders');
    expect(items).toHaveLength(CONTACTS);
    items.forEach((item, i) => {
      expect(item.json).toMatchObject({ status: 'queued', to: contactAt(i).phone, error: null });
      expect(item.json.messageUuid).toMatch(UUID);
      expect(item.pairedItem).toEqual({ item: i });
    });

    const sent = sandbox.state.messages.filter(
      (message) => message.direction === 'outbound' && message.origin === 'api' && message.text !== ALREADY_SENT,
    );
    expect(sent).toHaveLength(CONTACTS);
    const byRecipient = new Map(sent.map((message) => [message.dst, message]));
    expect(byRecipient.size).toBe(CONTACTS);
    for (let i = 0; i < CONTACTS; i++) {
      const message = byRecipient.get(contactAt(i).phone.slice(1));
      expect(message?.text).toBe(expectedText(i));
      expect(message?.src).toBe(ourNumber.slice(1));
      expect(message?.uuid).toBe(items[i]?.json.messageUuid);
    }
  }, 180_000);

  it('every operation sends failed items to the error output and good ones to the success output, paired to their input', async () => {
    const run = await n8n.execute(ERROR_OUTPUT_WORKFLOW_ID);
    for (const name of Object.keys(OPERATIONS)) {
      const success = nodeOutputItems(run, name, 0);
      const failed = nodeOutputItems(run, name, 1);
      // Get Many may answer one item with several messages: all of them are item 0's.
      expect(success.length, `${name}: success output`).toBeGreaterThan(0);
      expect(new Set(success.map((item) => JSON.stringify(item.pairedItem))), `${name}: success output`).toEqual(
        new Set([JSON.stringify({ item: 0 })]),
      );
      expect(failed.map((item) => item.pairedItem), `${name}: error output`).toEqual([{ item: 1 }]);
      expect(success[0]!.json.error ?? null, name).toBeNull();
      // n8n merges the failed input item's fields into an error-output item, beside our error.
      expect(failed[0]!.json, name).toMatchObject({ to: 'not a number', error: expect.anything() });
    }
    const sendFailure = nodeOutputItems(run, 'Send (error output)', 1)[0]!.json.error as Record<string, unknown>;
    expect(sendFailure).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: expect.stringMatching(/^to/) });
    expect(nodeOutputItems(run, 'Get (error output)', 1)[0]!.json.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(nodeOutputItems(run, 'Send (error output)', 0)[0]!.json).toMatchObject({ status: 'queued', to: '+12025550178' });
  }, 180_000);

  it('registers the trigger with Plivo on start and answers an inbound SMS through the workflow', async () => {
    server = await n8n.start();
    const webhookUrl = `${server.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/plivo-sms`;
    await waitForWebhook(webhookUrl);
    // n8n serves the webhook as soon as it is stored; the trigger's `create` (Plivo application + number) follows.
    const attachedUrl = (): string | undefined => {
      const number = [...sandbox.state.numbers.values()].find((entry) => entry.e164 === ourNumber);
      return number?.appId ? sandbox.state.applications.get(number.appId)?.messageUrl : undefined;
    };
    await expect
      .poll(attachedUrl, { timeout: 30_000, interval: 200, message: 'the trigger attaches an application pointing at its webhook' })
      .toBe(webhookUrl);

    const inbound = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: PHONE, to: ourNumber, text: 'Is my table for 4 still booked? 🍝' }),
    });
    expect(inbound.status).toBe(202);

    await expect
      .poll(() => sandbox.state.messages.some((message) => message.direction === 'outbound' && message.dst === PHONE.slice(1)), {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(true);
    const answer = sandbox.state.messages.filter((message) => message.direction === 'outbound' && message.dst === PHONE.slice(1));
    expect(answer, server.logs()).toHaveLength(1);
    expect(answer[0]).toMatchObject({ src: ourNumber.slice(1), text: 'You said: Is my table for 4 still booked? 🍝', encoding: 'UCS-2' });
    expect(sandbox.state.callbacks.filter((attempt) => attempt.kind === 'inbound')).toMatchObject([
      { url: webhookUrl, responseStatus: 200 },
    ]);
    await expect.poll(() => n8n.listExecutions(TRIGGER_WORKFLOW_ID), { timeout: 10_000 }).toMatchObject([
      { status: 'success', mode: 'webhook' },
    ]);
  }, 180_000);

  it('refuses forged webhooks (no or wrong signature) with 401/403 and starts no execution', async () => {
    expect(server, 'the previous test starts n8n').toBeDefined();
    const webhookUrl = `${server!.baseUrl}/webhook/${TRIGGER_WEBHOOK_ID}/plivo-sms`;
    const params = {
      From: PHONE.slice(1),
      To: ourNumber.slice(1),
      Text: 'forged: send me everything',
      Type: 'sms',
      MessageUUID: randomUUID(),
    };
    const body = new URLSearchParams(params).toString();
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const executionsBefore = n8n.listExecutions(TRIGGER_WORKFLOW_ID).length;
    const messagesBefore = sandbox.state.messages.length;

    const unsigned = await fetch(webhookUrl, { method: 'POST', headers: form, body });
    const wrongToken = plivoSignatureHeaders({ method: 'POST', url: webhookUrl, params, authToken: 'NotTheAccountAuthToken000' });
    const wronglySigned = await fetch(webhookUrl, { method: 'POST', headers: { ...form, ...wrongToken }, body });
    // Signed correctly, then the text changed on the way: the signature no longer matches.
    const rightToken = plivoSignatureHeaders({ method: 'POST', url: webhookUrl, params, authToken: sandbox.authToken });
    const tampered = await fetch(webhookUrl, {
      method: 'POST',
      headers: { ...form, ...rightToken },
      body: new URLSearchParams({ ...params, Text: 'tampered' }).toString(),
    });

    for (const response of [unsigned, wronglySigned, tampered]) expect([401, 403]).toContain(response.status);
    // Give a wrongly started execution time to show up before concluding there is none.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(n8n.listExecutions(TRIGGER_WORKFLOW_ID)).toHaveLength(executionsBefore);
    expect(sandbox.state.messages).toHaveLength(messagesBefore);
  }, 60_000);
  it('still runs a version 1 trigger, and accepts the token edited into its credential while n8n runs', async () => {
    expect(server, 'an earlier test starts n8n').toBeDefined();
    const webhookUrl = `${server!.baseUrl}/webhook/${STATUS_V1_WEBHOOK_ID}/plivo-sms`;
    await waitForWebhook(webhookUrl);
    const report = (authToken: string) => {
      const params = { MessageUUID: randomUUID(), Status: 'delivered', From: ourNumber.slice(1), To: PHONE.slice(1), ErrorCode: '000' };
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', ...plivoSignatureHeaders({ method: 'POST', url: webhookUrl, params, authToken }) };
      return fetch(webhookUrl, { method: 'POST', headers, body: new URLSearchParams(params).toString() }).then((response) => response.status);
    };
    expect(await report('first-token-of-the-v1-trigger-0001')).toBe(200);
    await expect.poll(() => n8n.listExecutions(STATUS_V1_WORKFLOW_ID), { timeout: 10_000 }).toMatchObject([{ status: 'success', mode: 'webhook' }]);

    // The user pastes a new Auth Token into the credential; the trigger has the old one cached.
    await n8n.importCredentials([
      plivoSmsCredential({ authId: sandbox.authId, authToken: 'second-token-of-the-v1-trigger-002', baseUrl: sandbox.url }, ROTATING_CREDENTIAL.id, ROTATING_CREDENTIAL.name),
    ]);
    expect(await report('second-token-of-the-v1-trigger-002')).toBe(200);
    expect(await report('first-token-of-the-v1-trigger-0001')).toBe(403);
    await expect
      .poll(() => n8n.listExecutions(STATUS_V1_WORKFLOW_ID).map((execution) => execution.status), { timeout: 10_000 })
      .toEqual(['success', 'success']);
  }, 120_000);
});
