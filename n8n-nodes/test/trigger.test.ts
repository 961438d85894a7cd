import { plivoSignatureHeaders } from '@textbridge/core';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import {
  ACCOUNT_PATH,
  AUTH_TOKEN,
  CREDENTIALS,
  PLIVO,
  WEBHOOK_ID,
  callTriggerLifecycle,
  callTriggerWebhook,
  triggerWebhookUrl,
} from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);
const { PlivoSmsTrigger } = await import('../nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.js');

const inbound = { From: '14155550199', To: '14155550100', Text: 'Stop', Type: 'sms', MessageUUID: 'in-1', Units: '1' };
const delivered = { MessageUUID: 'out-1', Status: 'delivered', From: '14155550100', To: '14155550101', ErrorCode: '000' };

/** A request as Plivo sends it: form-encoded body, signed (V2 and V3) over the URL it called. */
function plivoRequest(params: Record<string, string>, options: { token?: string; query?: string; drop?: RegExp } = {}) {
  const rawBody = Buffer.from(new URLSearchParams(params).toString());
  const url = `${triggerWebhookUrl()}${options.query ?? ''}`;
  const signed = plivoSignatureHeaders({ method: 'POST', url, params, authToken: options.token ?? AUTH_TOKEN });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  for (const [name, value] of Object.entries(signed)) if (!options.drop?.test(name)) headers[name] = value;
  return {
    url: `/webhook/${WEBHOOK_ID}/plivo-sms${options.query ?? ''}`,
    headers,
    rawBody,
    body: params,
    query: Object.fromEntries(new URLSearchParams(options.query ?? '')),
  };
}

const inboundParams = (options: IDataObject = {}) => ({ event: 'inbound', numbers: ['+14155550100'], verifySignature: true, options });
const statusParams = (options: IDataObject = {}) => ({ event: 'status', verifySignature: true, options });

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS Trigger > webhook', () => {
  it('emits the parsed inbound message when Plivo signed it (V3), answering Plivo itself with an empty 200', async () => {
    const { result, response } = await callTriggerWebhook(inboundParams(), plivoRequest(inbound));

    // Plivo reads the answer's body as a reply (Message XML): the trigger sends none, and tells n8n not to answer
    // on its own (n8n's "onReceived" answer would be JSON, or the literal text `firstEntryJson`).
    expect(response).toEqual({ status: 200, ended: true });
    expect(result.noWebhookResponse).toBe(true);
    expect(result.webhookResponse).toBeUndefined();
    expect(result.workflowData?.[0]).toHaveLength(1);
    expect(result.workflowData![0]![0]!.json).toMatchObject({
      kind: 'inbound',
      messageUuid: 'in-1',
      from: '+14155550199',
      to: '+14155550100',
      text: 'Stop',
      intent: 'optout',
      signatureVersion: 'v3',
    });
  });

  it('accepts a V2-only signature, and a signed query string on the URL', async () => {
    const v2 = await callTriggerWebhook(inboundParams(), plivoRequest(inbound, { drop: /V3/ }));
    expect(v2.result.workflowData![0]![0]!.json.signatureVersion).toBe('v2');

    const withQuery = await callTriggerWebhook(statusParams(), plivoRequest(delivered, { query: '?campaign=spring' }));
    expect(withQuery.result.workflowData![0]![0]!.json).toMatchObject({ kind: 'status', messageUuid: 'out-1', status: 'delivered' });
  });

  it('answers 403 and starts nothing for a request signed with another token', async () => {
    const { result, response } = await callTriggerWebhook(inboundParams(), plivoRequest(inbound, { token: 'forged-token-000000' }));

    expect(result).toEqual({ noWebhookResponse: true });
    expect(response).toMatchObject({ status: 403, ended: true });
    expect(String(response.body)).not.toContain(AUTH_TOKEN);
  });

  it('answers 401 and starts nothing for an unsigned request, and 403 for a tampered body', async () => {
    const unsigned = await callTriggerWebhook(inboundParams(), plivoRequest(inbound, { drop: /Signature/ }));
    expect(unsigned.result).toEqual({ noWebhookResponse: true });
    expect(unsigned.response.status).toBe(401);

    const request = plivoRequest(inbound);
    const tampered = await callTriggerWebhook(inboundParams(), { ...request, rawBody: Buffer.from(request.rawBody.toString().replace('Stop', 'Stay')) });
    expect(tampered.result).toEqual({ noWebhookResponse: true });
    expect(tampered.response.status).toBe(403);
  });

  it('accepts unsigned requests only when "Verify Signature" is off', async () => {
    const { result } = await callTriggerWebhook({ ...inboundParams(), verifySignature: false }, plivoRequest(inbound, { drop: /Signature/ }));
    expect(result.workflowData![0]![0]!.json).toMatchObject({ messageUuid: 'in-1', signatureVersion: null });
  });

  it('answers filtered-out events with an empty 200 without starting the workflow', async () => {
    const onlyFailures = await callTriggerWebhook(statusParams({ statuses: ['failed', 'undelivered'] }), plivoRequest(delivered));
    expect(onlyFailures.result).toEqual({ noWebhookResponse: true });
    expect(onlyFailures.response).toEqual({ status: 200, ended: true });

    const failed = await callTriggerWebhook(
      statusParams({ statuses: ['failed', 'undelivered'] }),
      plivoRequest({ ...delivered, Status: 'failed', ErrorCode: '30' }),
    );
    expect(failed.result.workflowData![0]![0]!.json).toMatchObject({ status: 'failed', errorCode: '30' });

    const optOuts = await callTriggerWebhook(inboundParams({ intents: ['optout'] }), plivoRequest({ ...inbound, Text: 'hello' }));
    expect(optOuts.result).toEqual({ noWebhookResponse: true });

    const keyword = await callTriggerWebhook(inboundParams({ keywords: 'yes, join' }), plivoRequest({ ...inbound, Text: 'Join now' }));
    expect(keyword.result.workflowData![0]![0]!.json.text).toBe('Join now');
  });
});

/** The capture with its V3 headers removed and other parameters: its V2 signature (URL + nonce) still matches. */
function downgraded(request: ReturnType<typeof plivoRequest>, params: Record<string, string>) {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !/V3/i.test(name)));
  return { ...request, headers, rawBody: Buffer.from(new URLSearchParams(params).toString()), body: params };
}

describe('Plivo SMS Trigger > replays and downgrades', () => {
  it('starts the workflow once for a captured request, and answers every replay 403 without starting it', async () => {
    const request = plivoRequest({ ...inbound, MessageUUID: 'in-replayed' });
    const first = await callTriggerWebhook(inboundParams(), request);
    expect(first.result.workflowData![0]![0]!.json.messageUuid).toBe('in-replayed');
    for (let i = 0; i < 3; i++) {
      const replay = await callTriggerWebhook(inboundParams(), request);
      expect(replay.result).toEqual({ noWebhookResponse: true });
      expect(replay.response).toMatchObject({ status: 403, ended: true });
      expect(String(replay.response.body)).toMatch(/^WEBHOOK_REPLAYED/);
    }
  });

  it('refuses a downgraded copy (V3 stripped, other text) of an accepted request, and a replayed V2-only request', async () => {
    const request = plivoRequest({ ...inbound, Text: 'See you at 10' });
    expect((await callTriggerWebhook(inboundParams(), request)).result.workflowData).toHaveLength(1);
    const attack = await callTriggerWebhook(inboundParams(), downgraded(request, { ...inbound, Text: 'Send the code to +1 900 555 0100' }));
    expect(attack.result).toEqual({ noWebhookResponse: true });
    expect(attack.response.status).toBe(403);

    const v2Only = plivoRequest({ ...inbound, Text: 'v2 only' }, { drop: /V3/ });
    expect((await callTriggerWebhook(inboundParams(), v2Only)).result.workflowData![0]![0]!.json.signatureVersion).toBe('v2');
    expect((await callTriggerWebhook(inboundParams(), v2Only)).response.status).toBe(403);
  });

  it('accepts each retry Plivo signs with a fresh nonce, and keeps answering valid requests after refusals', async () => {
    for (let i = 0; i < 3; i++) {
      const retry = await callTriggerWebhook(statusParams(), plivoRequest(delivered));
      expect(retry.response).toEqual({ status: 200, ended: true });
      expect(retry.result.workflowData![0]![0]!.json).toMatchObject({ messageUuid: 'out-1', status: 'delivered' });
    }
  });

  it('with "Require V3 Signatures", refuses V2-only requests with 401 and accepts V3 ones', async () => {
    const requireV3 = { ...inboundParams(), requireV3: true };
    const v2Only = await callTriggerWebhook(requireV3, plivoRequest(inbound, { drop: /V3/ }));
    expect(v2Only.result).toEqual({ noWebhookResponse: true });
    expect(v2Only.response.status).toBe(401);
    expect(String(v2Only.response.body)).toMatch(/X-Plivo-Signature-V3 is required/);
    const v3 = await callTriggerWebhook(requireV3, plivoRequest(inbound));
    expect(v3.result.workflowData![0]![0]!.json.signatureVersion).toBe('v3');
  });
});

describe('Plivo SMS Trigger > versions', () => {
  it('is version 2 for new workflows and still runs version 1 (saved workflows) the same way', async () => {
    const { description } = new PlivoSmsTrigger();
    expect(description.version).toEqual([1, 2]);
    expect(description.defaultVersion).toBe(2);

    const v1 = await callTriggerWebhook(inboundParams({ intents: ['optout'] }), plivoRequest({ ...inbound, MessageUUID: 'in-v1' }), { typeVersion: 1 });
    expect(v1.response).toEqual({ status: 200, ended: true });
    expect(v1.result.workflowData![0]![0]!.json).toMatchObject({ messageUuid: 'in-v1', intent: 'optout', signatureVersion: 'v3' });
    const forged = await callTriggerWebhook(inboundParams(), plivoRequest(inbound, { token: 'forged-token-000000' }), { typeVersion: 1 });
    expect(forged.response.status).toBe(403);
  });

  it('reads the body itself when n8n has not (version 2, a content type n8n does not parse)', async () => {
    const request = plivoRequest({ ...inbound, MessageUUID: 'in-unread' });
    const { result, response } = await callTriggerWebhook(inboundParams(), { ...request, body: {}, bodyUnread: true });
    expect(response).toEqual({ status: 200, ended: true });
    expect(result.workflowData![0]![0]!.json).toMatchObject({ messageUuid: 'in-unread', text: 'Stop' });
  });
});

describe('Plivo SMS Trigger > cached Auth Token', () => {
  // Each test its own credential id: the cache is the bundle's, shared by every call in this file.
  function counting(credentialId: string, data = { ...CREDENTIALS }) {
    const counter = { loads: 0, data };
    const options = () => ({ credentialId, credentials: counter.data, onCredentialLoad: () => void counter.loads++ });
    return { counter, options };
  }

  it('loads the credential once for many requests instead of once per request', async () => {
    const { counter, options } = counting('cred-many');
    for (let i = 0; i < 5; i++) {
      const { response } = await callTriggerWebhook(inboundParams(), plivoRequest({ ...inbound, MessageUUID: `in-many-${i}` }), options());
      expect(response.status).toBe(200);
    }
    expect(counter.loads).toBe(1);
  });

  it('accepts a request signed with a token just edited in the credential, and then refuses the old token', async () => {
    const { counter, options } = counting('cred-rotated');
    expect((await callTriggerWebhook(inboundParams(), plivoRequest(inbound), options())).response.status).toBe(200);
    const rotated = 'rotated-auth-token-0123456789abcdef';
    counter.data = { ...CREDENTIALS, authToken: rotated };

    const fresh = await callTriggerWebhook(inboundParams(), plivoRequest({ ...inbound, MessageUUID: 'in-rotated' }, { token: rotated }), options());
    expect(fresh.response).toEqual({ status: 200, ended: true });
    expect(fresh.result.workflowData![0]![0]!.json.messageUuid).toBe('in-rotated');
    expect(counter.loads).toBe(2);

    const old = await callTriggerWebhook(inboundParams(), plivoRequest(inbound), options());
    expect(old.response.status).toBe(403);
    expect(old.result).toEqual({ noWebhookResponse: true });
  });

  it('stops accepting a token removed from the credential within 10 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { counter, options } = counting('cred-revoked');
      expect((await callTriggerWebhook(inboundParams(), plivoRequest(inbound), options())).response.status).toBe(200);
      counter.data = { ...CREDENTIALS, authToken: 'replacement-token-0123456789abcdef' };
      vi.advanceTimersByTime(10_000);
      const revoked = await callTriggerWebhook(inboundParams(), plivoRequest(inbound), options());
      expect(revoked.response.status).toBe(403);
      // Loaded when the cached token ran out, and once more before refusing.
      expect(counter.loads).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 503 (Plivo retries) when the credential cannot be loaded to check a token it does not match', async () => {
    const { options } = counting('cred-gone');
    expect((await callTriggerWebhook(inboundParams(), plivoRequest(inbound), options())).response.status).toBe(200);
    const gone = await callTriggerWebhook(inboundParams(), plivoRequest(inbound, { token: 'new-token-the-node-cannot-load-000' }), {
      ...options(),
      credentials: null,
    });
    expect(gone.result).toEqual({ noWebhookResponse: true });
    expect(gone.response.status).toBe(503);
    expect(String(gone.response.body)).toMatch(/^AUTHENTICATION_FAILED/);
    expect(String(gone.response.body)).not.toContain(AUTH_TOKEN);
  });

  it('does not load the credential at all when "Verify Signature" is off', async () => {
    const { counter, options } = counting('cred-unverified');
    const { result } = await callTriggerWebhook({ ...inboundParams(), verifySignature: false }, plivoRequest(inbound, { drop: /Signature/ }), options());
    expect(result.workflowData).toHaveLength(1);
    expect(counter.loads).toBe(0);
  });
});

function numberBody(number: string, appId: string | null) {
  return {
    api_id: 'n',
    number,
    alias: null,
    application: appId ? `${ACCOUNT_PATH}/Application/${appId}/` : null,
    sms_enabled: true,
    mms_enabled: false,
    voice_enabled: false,
    number_type: 'local',
    country: 'United States',
  };
}

describe('Plivo SMS Trigger > webhook lifecycle', () => {
  it('registers the webhook URL on the chosen numbers, checks it, and restores the previous app on delete', async () => {
    const staticData: IDataObject = {};
    expect((await callTriggerLifecycle('checkExists', inboundParams(), staticData)).result).toBe(false);

    const register = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '111'))
      .get(`${ACCOUNT_PATH}/Application/111/`)
      .reply(200, { api_id: 'x', app_id: '111', app_name: 'my-xml-app', message_url: 'https://crm.example.com/sms' })
      .post(
        `${ACCOUNT_PATH}/Application/`,
        (body) => body.message_url === triggerWebhookUrl() && body.message_method === 'POST' && body.app_name === 'textbridge-n8n-wf-1',
      )
      .reply(201, { api_id: 'a', message: 'created', app_id: '999' })
      .post(`${ACCOUNT_PATH}/Number/14155550100/`, { app_id: '999' })
      .reply(202, { api_id: 'b', message: 'changed' });
    const created = await callTriggerLifecycle('create', inboundParams(), staticData);
    expect(created.result).toBe(true);
    expect(register.isDone()).toBe(true);
    expect(created.staticData.registration).toEqual({
      appId: '999',
      url: triggerWebhookUrl(),
      method: 'POST',
      numbers: [{ number: '14155550100', previousAppId: '111' }],
    });

    nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Application/999/`)
      .reply(200, { api_id: 'x', app_id: '999', app_name: 'n8n-wf-1', message_url: triggerWebhookUrl(), message_method: 'POST' })
      .get(`${ACCOUNT_PATH}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '999'));
    expect((await callTriggerLifecycle('checkExists', inboundParams(), created.staticData)).result).toBe(true);

    // Other numbers chosen since: the registration no longer matches, without asking Plivo.
    expect((await callTriggerLifecycle('checkExists', { ...inboundParams(), numbers: ['+14155550101'] }, created.staticData)).result).toBe(false);

    const restore = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '999'))
      .post(`${ACCOUNT_PATH}/Number/14155550100/`, { app_id: '111' })
      .reply(202, { api_id: 'c', message: 'changed' })
      .delete(`${ACCOUNT_PATH}/Application/999/`)
      .reply(204);
    const deleted = await callTriggerLifecycle('delete', inboundParams(), created.staticData);
    expect(deleted.result).toBe(true);
    expect(restore.isDone()).toBe(true);
    expect(deleted.staticData.registration).toBeUndefined();
  });

  it('activating with a saved registration whose application was deleted recreates it and keeps the previous app', async () => {
    const saved = { registration: { appId: '999', url: triggerWebhookUrl(), method: 'POST', numbers: [{ number: '14155550100', previousAppId: '111' }] } };
    nock(PLIVO).get(`${ACCOUNT_PATH}/Application/999/`).reply(404, { api_id: 'x', error: 'not found' });
    expect((await callTriggerLifecycle('checkExists', inboundParams(), saved)).result).toBe(false);

    const repair = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', null)) // deleting the application left the number without one
      .get(`${ACCOUNT_PATH}/Application/999/`)
      .reply(404, { api_id: 'x', error: 'not found' })
      .post(`${ACCOUNT_PATH}/Application/`, (body) => body.message_url === triggerWebhookUrl())
      .reply(201, { api_id: 'a', message: 'created', app_id: '1000' })
      .post(`${ACCOUNT_PATH}/Number/14155550100/`, { app_id: '1000' })
      .reply(202, { api_id: 'b', message: 'changed' });
    const created = await callTriggerLifecycle('create', inboundParams(), saved);
    expect(repair.isDone()).toBe(true);
    expect(created.staticData.registration).toEqual({ ...saved.registration, appId: '1000' });
  });

  it("refuses a number another workflow's trigger holds, with an error naming it, and changes nothing", async () => {
    const other = 'http://127.0.0.1:5678/webhook/other-workflow/plivo-sms';
    const api = nock(PLIVO)
      .get(`${ACCOUNT_PATH}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '777'))
      .get(`${ACCOUNT_PATH}/Application/777/`)
      .reply(200, { api_id: 'x', app_id: '777', app_name: 'textbridge-n8n-wf-2', message_url: other, message_method: 'POST' });
    await expect(callTriggerLifecycle('create', inboundParams(), {})).rejects.toMatchObject({
      message: expect.stringContaining(`+14155550100 (application "textbridge-n8n-wf-2" sends to ${other}) already receives SMS for another workflow or Zap`),
    });
    expect(api.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('surfaces a Plivo failure during registration instead of hiding it', async () => {
    nock(PLIVO).get(`${ACCOUNT_PATH}/Number/14155550100/`).reply(404, { api_id: 'n', error: 'not found' });
    await expect(callTriggerLifecycle('create', inboundParams(), {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
