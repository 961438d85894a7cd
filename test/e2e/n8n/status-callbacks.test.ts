// Status callbacks auto-wired in a real n8n against the sandbox: a published Plivo SMS Trigger (Delivery Status)
// registers itself at Plivo when n8n starts; a Send with "Report Delivery To" that trigger makes the sandbox report
// delivery to it, and the trigger's workflow runs once per message for `delivered` (its status filter).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../core/src/index.js';
import { packN8nPackage } from '../../support/n8n-community-package.js';
import { createN8nInstance, waitForWebhook, type N8nInstance, type RunningN8n } from '../../support/n8n-runner.js';
import { plivoSmsCredential, plivoSmsNodeType, plivoSmsTriggerNodeType } from '../../support/plivo-workflows.js';

const COLD_INSTALL_TIMEOUT_MS = 15 * 60_000;
const NODES_DIST = fileURLToPath(new URL('../../../n8n-nodes/dist/', import.meta.url));
const STATUS_WORKFLOW_ID = 'tbE2eStatusAuto1';
const SEND_WORKFLOW_ID = 'tbE2eSendReport1';
const STATUS_WEBHOOK_ID = randomUUID();
const SEND_PATH = 'tb-e2e-send-with-report';
const RECIPIENTS = ['+12025550181', '+12025550182'];

describe.sequential('Report Delivery To a Plivo SMS Trigger, in a real n8n', () => {
  let sandbox: Sandbox;
  let n8n: N8nInstance;
  let server: RunningN8n;
  let ourNumber: string;

  beforeAll(async () => {
    if (!existsSync(NODES_DIST)) throw new Error(`${NODES_DIST} is missing: run \`npm run build\` first.`);
    sandbox = await startSandbox({ port: 0, deliveryDelayMs: 20 });
    ourNumber = sandbox.numbers[0]!;
    n8n = await createN8nInstance({ communityPackage: await packN8nPackage(), onProgress: (line) => console.log(line) });
    const credential = plivoSmsCredential({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    await n8n.importCredentials([credential]);
    const credentials = { plivoSmsApi: { id: credential.id, name: credential.name } };

    await n8n.importWorkflow({
      id: STATUS_WORKFLOW_ID,
      name: 'e2e delivery reports',
      nodes: [
        {
          id: randomUUID(),
          name: 'Delivery Status',
          type: plivoSmsTriggerNodeType,
          typeVersion: 2,
          position: [0, 0],
          webhookId: STATUS_WEBHOOK_ID,
          credentials,
          parameters: { event: 'status', verifySignature: true, options: { statuses: ['delivered'] } },
        },
      ],
      connections: {},
    });
    // Sends when called, to the trigger the request names (the id "Report Delivery To" stores when chosen in the list).
    await n8n.importWorkflow({
      id: SEND_WORKFLOW_ID,
      name: 'e2e send with delivery report',
      nodes: [
        {
          id: randomUUID(),
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path: SEND_PATH, responseMode: 'lastNode', options: {} },
        },
        {
          id: randomUUID(),
          name: 'Send',
          type: plivoSmsNodeType,
          typeVersion: 1,
          position: [220, 0],
          credentials,
          parameters: {
            resource: 'message',
            operation: 'send',
            senderType: 'src',
            from: { __rl: true, mode: 'id', value: ourNumber },
            to: RECIPIENTS.join(', '),
            messageType: 'sms',
            text: 'Your parcel is on its way',
            options: { reportDeliveryTo: { __rl: true, mode: 'id', value: '={{ $json.body.trigger }}' } },
          },
        },
      ],
      connections: { Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
    });
    await n8n.publishWorkflow(STATUS_WORKFLOW_ID);
    await n8n.publishWorkflow(SEND_WORKFLOW_ID);
  }, COLD_INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await n8n?.dispose();
    await sandbox?.stop();
  }, 60_000);

  it('registers the status trigger on start; a send reporting to it runs its workflow for each delivered message', async () => {
    server = await n8n.start();
    const statusUrl = `${server.baseUrl}/webhook/${STATUS_WEBHOOK_ID}/plivo-sms`;
    const sendUrl = `${server.baseUrl}/webhook/${SEND_PATH}`;
    await waitForWebhook(statusUrl);
    const statusApp = () =>
      [...sandbox.state.applications.values()].find((app) => app.appName.startsWith('textbridge-status-') && app.messageUrl === statusUrl);
    await expect.poll(() => statusApp()?.appName, { timeout: 30_000, interval: 200, message: 'the trigger registers itself' }).toMatch(
      /^textbridge-status-[0-9a-z]+-n8n-e2e-delivery-reports$/,
    );
    expect([...sandbox.state.numbers.values()].some((number) => number.appId === statusApp()!.appId)).toBe(false);

    await waitForWebhook(sendUrl);
    const answer = await fetch(sendUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trigger: statusApp()!.appId }),
    });
    expect(answer.status, server.logs()).toBe(200);
    const sent = sandbox.state.messages.filter((message) => message.direction === 'outbound' && message.text === 'Your parcel is on its way');
    expect(sent.map((message) => `+${message.dst}`).sort()).toEqual(RECIPIENTS);

    // Every state change is reported to the trigger, signed; only `delivered` starts the workflow (its filter).
    await expect
      .poll(
        () => sandbox.state.callbacks.filter((attempt) => attempt.kind === 'status' && attempt.event === 'delivered' && attempt.responseStatus === 200).length,
        { timeout: 30_000, interval: 200, message: 'delivered reported to the trigger' },
      )
      .toBe(RECIPIENTS.length);
    const statusCallbacks = sandbox.state.callbacks.filter((attempt) => attempt.kind === 'status');
    expect(new Set(statusCallbacks.map((attempt) => attempt.url))).toEqual(new Set([statusUrl]));
    expect(statusCallbacks.every((attempt) => attempt.responseStatus === 200)).toBe(true);
    await expect
      .poll(() => n8n.listExecutions(STATUS_WORKFLOW_ID).filter((run) => run.status === 'success' && run.mode === 'webhook').length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(RECIPIENTS.length);
  }, 240_000);
});
