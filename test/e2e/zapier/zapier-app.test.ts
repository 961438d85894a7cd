// End to end: the Zapier app, run by Zapier's own tooling (createAppTester, and `zapier-platform invoke` on the built
// dist), against core's offline Plivo sandbox. Inbound SMS travel sandbox -> local receiver -> the hook's `perform`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '@textbridge/core';
import nock from 'nock';
import zapier from 'zapier-platform-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionLabel, testConnection } from '../../../zapier-app/src/authentication.js';
import { sendSms } from '../../../zapier-app/src/creates/send-sms.js';
import App from '../../../zapier-app/src/index.js';
import { findMessage } from '../../../zapier-app/src/searches/find-message.js';
import { lookupNumber } from '../../../zapier-app/src/searches/lookup-number.js';
import { pollStatusUpdates } from '../../../zapier-app/src/triggers/delivery-status.js';
import {
  listRecentInbound,
  receiveInbound,
  subscribeInbound,
  unsubscribeInbound,
  type InboundSubscription,
} from '../../../zapier-app/src/triggers/new-inbound-sms.js';
import { listSenderNumbers } from '../../../zapier-app/src/triggers/sender-number.js';
import { startReceiver, waitFor, zapierRawRequest, type WebhookReceiver } from './zapier-webhooks.js';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../zapier-app');
const cli = createRequire(import.meta.url).resolve('zapier-platform-cli/src/bin/run');
const appTester = zapier.createAppTester(App);
const run = promisify(execFile);

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let authData: Record<string, string>;
const OUR_NUMBER = '+14155552671';

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sandbox = await startSandbox({ port: 0, deliveryDelayMs: 10 });
  receiver = await startReceiver();
  authData = { auth_id: sandbox.authId, auth_token: sandbox.authToken, base_url: sandbox.url };
});

afterAll(async () => {
  await sandbox?.stop();
  await receiver?.close();
  nock.enableNetConnect();
});

describe('Zapier app against the sandbox (createAppTester)', () => {
  const sent: string[] = [];
  const UNDELIVERABLE = '+14155550920';

  it('connects and labels the connection with the sandbox account', async () => {
    const account = await appTester(testConnection, { authData });
    expect(account).toMatchObject({ authId: sandbox.authId });
    const label = await appTester(connectionLabel, { authData, inputData: account });
    expect(label).toContain(sandbox.authId);
  });

  it('lists the account’s SMS numbers for the From dropdown', async () => {
    const numbers = await appTester(listSenderNumbers, { authData, inputData: {}, meta: { page: 0 } });
    expect(numbers.map((number) => number.id)).toEqual(expect.arrayContaining([OUR_NUMBER]));
  });

  it('sends 50 messages: one step to 40 recipients, then 10 single sends', async () => {
    const group = Array.from({ length: 39 }, (_, i) => `+1415555${String(1000 + i)}`).concat(UNDELIVERABLE);
    const bulk = await appTester(sendSms, {
      authData,
      inputData: { from: OUR_NUMBER, to: group, message: 'Your table is ready – welcome!' },
    });
    expect(bulk).toMatchObject({ status: 'queued', queuedCount: 40, failedCount: 0, encoding: 'GSM-7', smartEncodingApplied: true });
    expect(bulk.to).toEqual(group);
    sent.push(...bulk.messageUuids);
    for (let i = 0; i < 10; i++) {
      const single = await appTester(sendSms, {
        authData,
        inputData: { from: OUR_NUMBER, to: `(415) 555-${2000 + i}`, default_country: 'US', message: `Reminder ${i} 📅` },
      });
      expect(single).toMatchObject({ status: 'queued', queuedCount: 1, to: [`+1415555${2000 + i}`], encoding: 'UCS-2' });
      sent.push(single.messageUuid);
    }
    expect(new Set(sent).size).toBe(50);
    const outbound = sandbox.state.messages.filter((message) => message.direction === 'outbound');
    expect(outbound).toHaveLength(50);
  });

  it('finds a sent message and follows it to delivered', async () => {
    const uuid = sent[5]!;
    const found = await waitFor(async () => {
      const [message] = await appTester(findMessage, { authData, inputData: { message_uuid: uuid } });
      return message?.status === 'delivered' ? message : undefined;
    }, 'message delivery');
    expect(found).toMatchObject({ messageUuid: uuid, from: OUR_NUMBER, direction: 'outbound', errorCode: null });
    expect(await appTester(findMessage, { authData, inputData: { message_uuid: 'no-such-message' } })).toEqual([]);
  });

  it('looks up a number', async () => {
    const [lookup] = await appTester(lookupNumber, { authData, inputData: { number: '+14155550123' } });
    expect(lookup).toMatchObject({ phoneNumber: '+14155550123', countryIso2: 'US' });
    expect(lookup?.lineType).toBeTruthy();
  });

  it('polls delivery statuses, keyed on message and status', async () => {
    await waitFor(async () => {
      const done = sandbox.state.messages.filter((m) => m.direction === 'outbound' && ['delivered', 'undelivered'].includes(m.status));
      return done.length === 50 ? true : undefined;
    }, 'all 50 messages to finish');
    const updates = await appTester(pollStatusUpdates, { authData, inputData: {}, meta: { isPopulatingDedupe: true } });
    expect(updates.length).toBe(50);
    expect(new Set(updates.map((update) => update.id)).size).toBe(50);
    for (const update of updates) expect(update.id).toBe(`${update.messageUuid}:${update.status}`);
    const failed = await appTester(pollStatusUpdates, { authData, inputData: { status: 'undelivered' } });
    expect(failed).toEqual([expect.objectContaining({ to: UNDELIVERABLE, status: 'undelivered', errorCode: '20' })]);
  });
});

describe('New Inbound SMS hook against the sandbox', () => {
  let subscription: InboundSubscription;

  it('subscribes: the number now sends its inbound SMS to the Zap’s URL', async () => {
    subscription = await appTester(subscribeInbound, {
      authData,
      targetUrl: receiver.url,
      inputData: { number: OUR_NUMBER },
    });
    expect(subscription).toMatchObject({ url: receiver.url, method: 'POST', numbers: [{ number: '14155552671', previousAppId: null }] });
    const number = sandbox.state.numbers.get('14155552671');
    expect(number?.appId).toBe(subscription.appId);
    expect(sandbox.state.applications.get(String(subscription.appId))?.messageUrl).toBe(receiver.url);
  });

  it('turns a signed inbound SMS delivered by the sandbox into one trigger result, and a forged one into none', async () => {
    const arrival = receiver.next();
    const response = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: '+14155550123', to: OUR_NUMBER, text: 'Is my order ready?' }),
    });
    expect(response.status).toBe(202);
    const { message_uuid: uuid } = (await response.json()) as { message_uuid: string };
    const request = await arrival;
    const rawRequest = zapierRawRequest(request);
    const bundle = {
      authData,
      inputData: { number: OUR_NUMBER },
      targetUrl: receiver.url,
      subscribeData: subscription,
      cleanedRequest: Object.fromEntries(new URLSearchParams(request.body)),
      rawRequest,
    };
    const results = await appTester(receiveInbound, bundle);
    expect(results).toEqual([
      expect.objectContaining({ id: uuid, messageUuid: uuid, from: '+14155550123', to: OUR_NUMBER, text: 'Is my order ready?' }),
    ]);

    const forged = { ...bundle, rawRequest: { ...rawRequest, content: request.body.replace('Is+my+order+ready', 'Refund+me+now') } };
    expect(forged.rawRequest.content).not.toBe(request.body);
    expect(await appTester(receiveInbound, forged)).toEqual([]);
  });

  it('lists the inbound message as a sample from the message log', async () => {
    const samples = await appTester(listRecentInbound, { authData, inputData: { number: OUR_NUMBER } });
    expect(samples[0]).toMatchObject({ from: '+14155550123', to: OUR_NUMBER });
  });

  it('unsubscribes: the number gets its previous setting back and our application is gone', async () => {
    await appTester(unsubscribeInbound, { authData, subscribeData: subscription });
    expect(sandbox.state.numbers.get('14155552671')?.appId).toBeNull();
    expect(sandbox.state.applications.has(String(subscription.appId))).toBe(false);
  });
});

describe('zapier-platform invoke against the sandbox (built dist)', () => {
  const envFile = join(appDir, '.env');
  /** Runs the CLI as a developer would; NODE_ENV is dropped because vitest's "test" makes oclif load tsx. */
  const invoke = async (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_COLOR: '1' };
    delete env.NODE_ENV;
    const { stdout } = await run(process.execPath, [cli, 'invoke', ...args], { cwd: appDir, env, timeout: 60_000 });
    return JSON.parse(stdout.slice(stdout.search(/^[[{]/m))) as unknown;
  };

  beforeAll(async () => {
    expect(existsSync(join(appDir, 'dist', 'index.js')), 'build the workspace first (npm run build)').toBe(true);
    expect(existsSync(envFile), 'zapier-app/.env exists: move it away so this test can write (and remove) its own').toBe(false);
    // A temporary .env (ignored by git, removed afterwards): how `invoke` receives the connection.
    await writeFile(
      envFile,
      `authData_auth_id=${sandbox.authId}\nauthData_auth_token=${sandbox.authToken}\nauthData_base_url=${sandbox.url}\n`,
      { flag: 'wx' },
    );
  });

  afterAll(async () => {
    await rm(envFile, { force: true });
  });

  it('tests the connection, sends an SMS, finds it and polls its status', async () => {
    expect(await invoke('auth', 'test')).toMatchObject({ authId: sandbox.authId });

    const sentMessage = (await invoke(
      'create', 'send_sms', '--non-interactive', '-i',
      JSON.stringify({ from: OUR_NUMBER, to: '+14155550777', message: 'Sent by zapier-platform invoke' }),
    )) as { messageUuid: string };
    expect(sentMessage).toMatchObject({ status: 'queued', to: ['+14155550777'] });

    const found = (await invoke('search', 'find_message', '--non-interactive', '-i', JSON.stringify({ message_uuid: sentMessage.messageUuid }))) as unknown[];
    expect(found).toEqual([expect.objectContaining({ messageUuid: sentMessage.messageUuid })]);

    const updates = (await invoke('trigger', 'delivery_status', '--non-interactive')) as { messageUuid: string }[];
    expect(updates.map((update) => update.messageUuid)).toContain(sentMessage.messageUuid);
  });
});
