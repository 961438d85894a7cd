// Delivery Status (Instant) and Send SMS against the sandbox, end to end: subscribing registers the Zap's hook in
// core's status-callback registry, Send SMS without a Status Callback URL reports to the newest hook (and says so),
// the sandbox's signed status callbacks parse in `perform`, and unsubscribing makes sends report nowhere again.
import { startSandbox, type Sandbox } from '@textbridge/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendSms } from '../src/creates/send-sms.js';
import { listRecentStatuses, receiveStatus, subscribeStatus, unsubscribeStatus, type StatusSubscription } from '../src/triggers/delivery-status-instant.js';
import { startReceiver, waitFor, type ReceivedRequest, type Receiver } from '../../core/test/sandbox/helpers.js';
import nock from 'nock';
import { appTester, plivoApi, ACCOUNT_PATH, authData as nockAuthData, isolateNetwork } from './helpers.js';

let sandbox: Sandbox;
let receiver: Receiver;
let authData: Record<string, string>;
const FROM = '+14155552671';

beforeAll(async () => {
  sandbox = await startSandbox({ deliveryDelayMs: 5, callbackRetryDelaysMs: [20, 40, 80], callbackTimeoutMs: 1000, rateLimit: false });
  receiver = await startReceiver();
  authData = { auth_id: sandbox.authId, auth_token: sandbox.authToken, base_url: sandbox.url };
});
afterAll(async () => {
  await receiver.close();
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.state.applications.clear();
  receiver.requests.length = 0;
});

/** A received callback as Zapier hands it to `perform`: headers renamed `Http-…`, the raw form body. */
function zapierBundle(request: ReceivedRequest, targetUrl: string, subscribeData: StatusSubscription) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[`Http-${name.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('-')}`] = String(value);
  }
  return {
    authData,
    inputData: {},
    targetUrl,
    subscribeData,
    cleanedRequest: request.params,
    rawRequest: { method: 'POST' as const, querystring: '', headers, content: request.body },
  };
}

const send = (inputData: Record<string, unknown>) =>
  appTester(sendSms, { authData, inputData: { from: FROM, to: ['+14155550123'], message: 'Your order shipped', ...inputData } });

describe('Delivery Status (Instant) with Send SMS', () => {
  it('subscribe -> Send SMS reports to the hook -> perform reads the signed callback -> unsubscribe', async () => {
    const older = `${receiver.url}/hooks/standard/1/older/`;
    const targetUrl = `${receiver.url}/hooks/standard/2/newest/`;
    const first = await appTester(subscribeStatus, { authData, targetUrl: older });
    // Registered a second later: the newest hook wins.
    sandbox.state.applications.get(first.appId)!.appName = sandbox.state.applications.get(first.appId)!.appName.replace(/status-[0-9a-z]+-/, 'status-1-');
    const subscription = await appTester(subscribeStatus, { authData, targetUrl });
    expect(subscription).toMatchObject({ id: subscription.appId, url: targetUrl, label: expect.stringMatching(/^zapier-/) });
    // Subscribing again (Zapier retries) creates nothing new.
    expect(await appTester(subscribeStatus, { authData, targetUrl })).toEqual(subscription);
    expect(sandbox.state.applications.size).toBe(2);

    const sent = await send({});
    expect(sent).toMatchObject({ status: 'queued', statusCallbackUrl: targetUrl });
    const delivered = await waitFor(
      () => receiver.requests.find((request) => request.url.startsWith(targetUrl) && request.params.Status === 'delivered'),
      5000,
      'the delivered callback',
    );
    expect(receiver.requests.every((request) => request.url.startsWith(targetUrl))).toBe(true);

    const outputs = await appTester(receiveStatus, zapierBundle(delivered, targetUrl, subscription));
    expect(outputs).toEqual([
      expect.objectContaining({ id: `${sent.messageUuid}:delivered`, messageUuid: sent.messageUuid, status: 'delivered', to: '+14155550123', errorCode: null }),
    ]);
    // The same callback again is a replay: no result. A forged one neither.
    expect(await appTester(receiveStatus, zapierBundle(delivered, targetUrl, subscription))).toEqual([]);
    const forged = { ...delivered, body: delivered.body.replace('delivered', 'failed'), params: { ...delivered.params, Status: 'failed' } };
    expect(await appTester(receiveStatus, zapierBundle(forged, targetUrl, subscription))).toEqual([]);

    // Samples for setting up the Zap: recent sent messages in the same shape.
    const samples = await appTester(listRecentStatuses, { authData });
    expect(samples[0]).toMatchObject({ messageUuid: sent.messageUuid, id: `${sent.messageUuid}:${samples[0]!.status}` });

    // A URL typed into the step wins over the hook.
    expect(await send({ status_callback_url: 'https://example.com/status' })).toMatchObject({ statusCallbackUrl: 'https://example.com/status' });

    expect(await appTester(unsubscribeStatus, { authData, subscribeData: subscription })).toEqual({ id: subscription.appId, unsubscribed: true });
    expect(await appTester(unsubscribeStatus, { authData, subscribeData: subscription })).toEqual({ id: subscription.appId, unsubscribed: true });
    expect(await send({})).toMatchObject({ status: 'queued', statusCallbackUrl: older });
    await appTester(unsubscribeStatus, { authData, subscribeData: first });
    expect(sandbox.state.applications.size).toBe(0);
    expect(await send({})).toMatchObject({ status: 'queued', statusCallbackUrl: null });
  });

  it("ignores n8n's status triggers: Send SMS reports only to a Zap's hook", async () => {
    sandbox.state.applications.clear();
    const { createPlivoClient, registerStatusCallback } = await import('@textbridge/core');
    const client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
    await registerStatusCallback(client, { url: `${receiver.url}/webhook/n8n/plivo-sms`, label: 'n8n-Orders' });
    expect(await send({})).toMatchObject({ status: 'queued', statusCallbackUrl: null });
  });
});

describe('Send SMS when the hooks cannot be listed', () => {
  beforeEach(isolateNetwork);
  afterEach(() => nock.cleanAll());
  it('sends anyway, without a status callback, and says so', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Application/`)
      .query(true)
      .reply(500, { api_id: 'x', error: 'server error' })
      .persist() // however often the client retries
      .post(`${ACCOUNT_PATH}/Message/`, (body: Record<string, unknown>) => body.url === undefined)
      .reply(202, { api_id: 's', message: 'queued', message_uuid: ['u-1'] });
    const result = await appTester(sendSms, { authData: nockAuthData, inputData: { from: FROM, to: ['+14155550123'], message: 'Hi' } });
    expect(result).toMatchObject({ status: 'queued', messageUuid: 'u-1', statusCallbackUrl: null });
    nock.cleanAll();
  });
});
