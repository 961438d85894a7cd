import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  TextbridgeError,
  createPlivoClient,
  handlePlivoWebhook,
  isInboundWebhookRegistered,
  matchesWebhookFilter,
  parseInboundMessage,
  plivoSignatureHeaders,
  registerInboundWebhook,
  toSendOutput,
  unregisterInboundWebhook,
  createNonceStore,
  splitRecipients,
  readPlivoCredentials,
  plivoOrigins,
  clientCredentials,
  credentialLabel,
  splitUrls,
  summarizeSendOutputs,
  accountNumberForms,
  calledWebhookUrl,
  type InboundWebhookRegistration,
} from '../../src/index.js';

const AUTH_ID = 'MAXXXXXXXXXXXXXXXXXX';
const TOKEN = 'integration-test-token-0123456789';
const API = 'https://api.plivo.com';
const ACCOUNT = `/v1/Account/${AUTH_ID}`;
const HOOK = 'https://n8n.example.com/webhook/abc/plivo';

const client = createPlivoClient({
  authId: AUTH_ID,
  authToken: TOKEN,
  retry: { maxRetries: 0, sleep: async () => undefined },
});

function numberBody(number: string, appId: string | null) {
  return {
    api_id: 'n-1',
    number,
    alias: null,
    application: appId ? `${ACCOUNT}/Application/${appId}/` : null,
    sms_enabled: true,
    mms_enabled: false,
    voice_enabled: true,
    number_type: 'local',
    country: 'United States',
    resource_uri: `${ACCOUNT}/Number/${number}/`,
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('registerInboundWebhook', () => {
  it('creates an application for the URL, attaches it and remembers the previous apps', async () => {
    const api = nock(API)
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '111'))
      .get(`${ACCOUNT}/Number/14155550101/`)
      .reply(200, numberBody('14155550101', null))
      // The current application is read once, to tell a user's app (taken over, restored later) from another trigger's.
      .get(`${ACCOUNT}/Application/111/`)
      .reply(200, { api_id: 'x', app_id: '111', app_name: 'my-xml-app', message_url: 'https://crm.example.com/sms', message_method: 'POST' })
      .post(`${ACCOUNT}/Application/`, (body) => body.message_url === HOOK && body.message_method === 'POST' && /^textbridge-/.test(body.app_name))
      .reply(201, { api_id: 'a', message: 'created', app_id: '999' })
      .post(`${ACCOUNT}/Number/14155550100/`, { app_id: '999' })
      .reply(202, { api_id: 'b', message: 'changed' })
      .post(`${ACCOUNT}/Number/14155550101/`, { app_id: '999' })
      .reply(202, { api_id: 'c', message: 'changed' });

    const registration = await registerInboundWebhook(client, { url: HOOK, numbers: ['+1 415 555 0100', '14155550101', '+14155550100'] });
    expect(registration).toEqual({
      appId: '999',
      url: HOOK,
      method: 'POST',
      numbers: [
        { number: '14155550100', previousAppId: '111' },
        { number: '14155550101', previousAppId: null },
      ],
    });
    expect(JSON.parse(JSON.stringify(registration))).toEqual(registration);
    expect(api.isDone()).toBe(true);
  });

  it('rolls back when a number cannot be attached, and reports the error', async () => {
    const api = nock(API)
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '111'))
      .get(`${ACCOUNT}/Application/111/`)
      .reply(200, { api_id: 'x', app_id: '111', app_name: 'my-xml-app', message_url: 'https://crm.example.com/sms' })
      .post(`${ACCOUNT}/Application/`)
      .reply(201, { api_id: 'a', message: 'created', app_id: '999' })
      .post(`${ACCOUNT}/Number/14155550100/`)
      .reply(400, { api_id: 'b', error: 'number is not sms enabled' })
      // rollback: our app is not attached (the update failed), so only the new app is deleted
      .delete(`${ACCOUNT}/Application/999/`)
      .reply(204);
    await expect(registerInboundWebhook(client, { url: HOOK, numbers: ['+14155550100'] })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(api.isDone()).toBe(true);
  });

  it('refuses an empty number list and invalid numbers before calling Plivo', async () => {
    await expect(registerInboundWebhook(client, { url: HOOK, numbers: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'numbers' });
    await expect(registerInboundWebhook(client, { url: HOOK, numbers: ['12'] })).rejects.toMatchObject({
      code: 'INVALID_PHONE_NUMBER',
      field: 'numbers[0]',
    });
  });
});

describe('isInboundWebhookRegistered / unregisterInboundWebhook', () => {
  const registration: InboundWebhookRegistration = {
    appId: '999',
    url: HOOK,
    method: 'POST',
    numbers: [
      { number: '14155550100', previousAppId: '111' },
      { number: '14155550101', previousAppId: null },
    ],
  };

  it('is registered only while the app exists, points at the URL and is attached', async () => {
    nock(API)
      .get(`${ACCOUNT}/Application/999/`)
      .reply(200, { api_id: 'x', app_id: '999', app_name: 'textbridge-x', message_url: HOOK, message_method: 'POST' })
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '999'))
      .get(`${ACCOUNT}/Number/14155550101/`)
      .reply(200, numberBody('14155550101', '999'));
    expect(await isInboundWebhookRegistered(client, registration)).toBe(true);

    nock(API).get(`${ACCOUNT}/Application/999/`).reply(404, { api_id: 'x', error: 'not found' });
    expect(await isInboundWebhookRegistered(client, registration)).toBe(false);

    nock(API)
      .get(`${ACCOUNT}/Application/999/`)
      .reply(200, { api_id: 'x', app_id: '999', message_url: 'https://elsewhere.example.com/' });
    expect(await isInboundWebhookRegistered(client, registration)).toBe(false);
    expect(await isInboundWebhookRegistered(client, null)).toBe(false);
  });

  it('restores previous apps (or unlinks), leaves numbers a user changed, deletes ours, tolerates 404', async () => {
    const api = nock(API)
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '999'))
      .post(`${ACCOUNT}/Number/14155550100/`, { app_id: '111' })
      .reply(202, { api_id: 'r', message: 'changed' })
      .get(`${ACCOUNT}/Number/14155550101/`)
      .reply(200, numberBody('14155550101', '999'))
      .post(`${ACCOUNT}/Number/14155550101/`, { app_id: 'null' })
      .reply(202, { api_id: 'r', message: 'changed' })
      .delete(`${ACCOUNT}/Application/999/`)
      .reply(204);
    await unregisterInboundWebhook(client, registration);
    expect(api.isDone()).toBe(true);

    const second = nock(API)
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, numberBody('14155550100', '555')) // the user attached another app since: leave it
      .get(`${ACCOUNT}/Application/555/`)
      .reply(200, { api_id: 'x', app_id: '555', app_name: 'my-xml-app', message_url: 'https://crm.example.com/sms' })
      .get(`${ACCOUNT}/Number/14155550101/`)
      .reply(404, { api_id: 'r', error: 'not found' })
      .delete(`${ACCOUNT}/Application/999/`)
      .reply(404, { api_id: 'r', error: 'not found' });
    await unregisterInboundWebhook(client, registration);
    expect(second.isDone()).toBe(true);
  });
});

function signedInbound(params: Record<string, string>, url = HOOK) {
  const rawBody = new URLSearchParams(params).toString();
  const headers = plivoSignatureHeaders({ method: 'POST', url, params, authToken: TOKEN });
  return { rawBody, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } };
}

const INBOUND = { From: '14155550199', To: '14155550100', Text: 'STOP', Type: 'sms', MessageUUID: 'aaaa-1', Units: '1' };

describe('handlePlivoWebhook', () => {
  it('accepts a signed inbound SMS and returns the typed event', async () => {
    const { rawBody, headers } = signedInbound(INBOUND);
    const result = await handlePlivoWebhook({ kind: 'inbound', method: 'POST', url: HOOK, headers, rawBody, contentType: headers['content-type'], authToken: TOKEN });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.signatureVersion).toBe('v3');
    expect(result.event).toMatchObject({ kind: 'inbound', from: '+14155550199', to: '+14155550100', text: 'STOP', intent: 'optout' });
  });

  it('refuses forged, unsigned, replayed, oversized and wrongly typed requests with the right status', async () => {
    const { rawBody, headers } = signedInbound(INBOUND);
    const base = { kind: 'inbound' as const, method: 'POST', url: HOOK, contentType: headers['content-type'], authToken: TOKEN };

    const forged = await handlePlivoWebhook({ ...base, headers, rawBody: rawBody.replace('STOP', 'HELP') });
    expect(forged).toMatchObject({ ok: false, status: 403 });
    const wrongToken = await handlePlivoWebhook({ ...base, headers, rawBody, authToken: 'another-token-123456' });
    expect(wrongToken).toMatchObject({ ok: false, status: 403 });
    const otherUrl = await handlePlivoWebhook({ ...base, headers, rawBody, url: `${HOOK}?x=1` });
    expect(otherUrl).toMatchObject({ ok: false, status: 403 });
    const unsigned = await handlePlivoWebhook({ ...base, headers: { 'content-type': headers['content-type'] }, rawBody });
    expect(unsigned).toMatchObject({ ok: false, status: 401 });
    const tooBig = await handlePlivoWebhook({ ...base, headers, rawBody: 'Text=' + 'a'.repeat(1024 * 1024 + 10) });
    expect(tooBig).toMatchObject({ ok: false, status: 413 });
    const wrongType = await handlePlivoWebhook({ ...base, headers, rawBody, contentType: 'image/png' });
    expect(wrongType).toMatchObject({ ok: false, status: 415 });

    const nonceStore = createNonceStore();
    expect((await handlePlivoWebhook({ ...base, headers, rawBody, nonceStore })).ok).toBe(true);
    expect(await handlePlivoWebhook({ ...base, headers, rawBody, nonceStore })).toMatchObject({ ok: false, status: 403 });
    for (const refusal of [forged, unsigned, tooBig, wrongType]) {
      if (!refusal.ok) expect(refusal.error).toBeInstanceOf(TextbridgeError);
    }
  });

  it('accepts an already-parsed body, and skips verification only when asked', async () => {
    const { headers } = signedInbound(INBOUND);
    const parsedBody = await handlePlivoWebhook({ kind: 'inbound', method: 'POST', url: HOOK, headers, body: { ...INBOUND }, authToken: TOKEN });
    expect(parsedBody.ok).toBe(true);
    const unverified = await handlePlivoWebhook({
      kind: 'status',
      method: 'POST',
      url: HOOK,
      headers: {},
      rawBody: 'MessageUUID=m-1&Status=undelivered&ErrorCode=200&To=14155550199&From=14155550100',
      contentType: 'application/x-www-form-urlencoded',
      authToken: TOKEN,
      verifySignature: false,
    });
    expect(unverified.ok && unverified.event).toMatchObject({ kind: 'status', status: 'undelivered', errorCode: '200' });
    expect(unverified.ok && unverified.signatureVersion).toBe(null);
  });

  it('answers 400 for a signed request that is not the expected event', async () => {
    const { rawBody, headers } = signedInbound({ Foo: 'bar' });
    expect(await handlePlivoWebhook({ kind: 'status', method: 'POST', url: HOOK, headers, rawBody, contentType: headers['content-type'], authToken: TOKEN })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('matchesWebhookFilter', () => {
  const inbound = (text: string, extra: Record<string, string> = {}) => {
    const parsed = parseInboundMessage({ ...INBOUND, Text: text, ...extra });
    if (!parsed.ok) throw parsed.error;
    return parsed.event;
  };
  it('filters inbound by intent and keyword, and status by status', async () => {
    expect(matchesWebhookFilter(inbound('stop'), { intents: ['optout'] })).toBe(true);
    expect(matchesWebhookFilter(inbound('hello there'), { intents: ['optout', 'help'] })).toBe(false);
    expect(matchesWebhookFilter(inbound('hello there'), { intents: ['none'] })).toBe(true);
    expect(matchesWebhookFilter(inbound('Yes please'), { keywords: ['YES'] })).toBe(true);
    expect(matchesWebhookFilter(inbound('maybe yes'), { keywords: ['yes'] })).toBe(false);
    expect(matchesWebhookFilter(inbound('anything'), {})).toBe(true);
    const status = await handlePlivoWebhook({
      kind: 'status',
      method: 'POST',
      url: HOOK,
      headers: {},
      rawBody: 'MessageUUID=m-1&Status=failed&ErrorCode=420',
      contentType: 'application/x-www-form-urlencoded',
      authToken: TOKEN,
      verifySignature: false,
    });
    if (!status.ok) throw status.error;
    expect(matchesWebhookFilter(status.event, { statuses: ['undelivered', 'FAILED'] })).toBe(true);
    expect(matchesWebhookFilter(status.event, { statuses: ['delivered'] })).toBe(false);
  });
});

describe('toSendOutput', () => {
  it('flattens successes, failures and unknown outcomes', () => {
    expect(
      toSendOutput({ ok: true, index: 0, dst: '+14155550199', src: '+14155550100', messageUuids: ['u1'], apiId: 'a', encoding: 'GSM-7', segmentCount: 1, unitCount: 5, characterCount: 5, smartEncodingApplied: false }),
    ).toMatchObject({ status: 'queued', messageUuid: 'u1', to: '+14155550199', from: '+14155550100', encoding: 'GSM-7', segmentCount: 1, error: null });
    const unknown = new TextbridgeError('DELIVERY_UNKNOWN', 'Plivo answered 500', { status: 500, apiId: 'z' });
    expect(toSendOutput({ ok: false, index: 1, dst: '+14155550198', error: unknown })).toMatchObject({
      status: 'unknown',
      messageUuid: null,
      apiId: 'z',
      error: { code: 'DELIVERY_UNKNOWN', message: 'Plivo answered 500' },
    });
    const invalid = new TextbridgeError('INVALID_PHONE_NUMBER', 'messages[2].dst is not a phone number', { field: 'messages[2].dst' });
    expect(toSendOutput({ ok: false, index: 2, dst: 'abc', error: invalid })).toMatchObject({
      status: 'failed',
      to: 'abc',
      error: { code: 'INVALID_PHONE_NUMBER', field: 'messages[2].dst' },
    });
  });
});

describe('splitRecipients and splitUrls', () => {
  it('splits a mapped text or a list the same way in every host, keeping order and dropping blanks', () => {
    expect(splitRecipients('+1 415 555 0100, +44 7700 900123;\n(415) 555-0101,,')).toEqual(['+1 415 555 0100', '+44 7700 900123', '(415) 555-0101']);
    expect(splitRecipients(['+14155550100', ' +14155550101, +14155550102 ', 14155550103, null])).toEqual([
      '+14155550100',
      '+14155550101',
      '+14155550102',
      '14155550103',
    ]);
    expect(splitRecipients(undefined)).toEqual([]);
    expect(splitRecipients('  ')).toEqual([]);
  });

  it('keeps commas inside URLs but splits where a URL ends', () => {
    expect(splitUrls('https://m.example.com/a,b.png https://m.example.com/c.png')).toEqual(['https://m.example.com/a,b.png', 'https://m.example.com/c.png']);
    expect(splitUrls('https://m.example.com/a.png, https://m.example.com/b.png;\nhttps://m.example.com/c.png')).toEqual([
      'https://m.example.com/a.png',
      'https://m.example.com/b.png',
      'https://m.example.com/c.png',
    ]);
    expect(splitUrls('https://m.example.com/a.png,https://m.example.com/b.png')).toEqual(['https://m.example.com/a.png', 'https://m.example.com/b.png']);
    expect(splitUrls(['https://m.example.com/a.png https://m.example.com/b.png'])).toHaveLength(2);
  });
});

describe('readPlivoCredentials', () => {
  it('reads every host\'s credential the same way: trimmed, no trailing slash, Plivo itself as no base URL', () => {
    expect(readPlivoCredentials({ authId: ' MAXXXXXXXXXXXXXXXXXX ', authToken: 'token\n', baseUrl: 'http://127.0.0.1:4010//' })).toEqual({
      authId: 'MAXXXXXXXXXXXXXXXXXX',
      authToken: 'token',
      baseUrl: 'http://127.0.0.1:4010',
    });
    for (const baseUrl of [undefined, '', '  ', 'https://api.plivo.com', 'https://api.plivo.com/']) {
      expect(readPlivoCredentials({ authId: 'A', authToken: 'T', baseUrl }).baseUrl).toBeUndefined();
    }
    expect(readPlivoCredentials(undefined)).toEqual({ authId: '', authToken: '', baseUrl: undefined });
    expect(readPlivoCredentials({ authId: 42, authToken: {} })).toMatchObject({ authId: '42', authToken: '' });
  });

  it('sends a credential only to the origins its client calls, and labels it without the token', () => {
    expect([...plivoOrigins(readPlivoCredentials({ authId: 'A', authToken: 'T' }))]).toEqual(['https://api.plivo.com', 'https://lookup.plivo.com']);
    expect([...plivoOrigins(readPlivoCredentials({ authId: 'A', authToken: 'T', baseUrl: 'http://127.0.0.1:4010/' }))]).toEqual(['http://127.0.0.1:4010']);
    expect(clientCredentials(readPlivoCredentials({ authId: 'A', authToken: 'T' }))).toEqual({ authId: 'A', authToken: 'T' });
    expect(credentialLabel('MA1', 'Acme Inc')).toBe('Acme Inc (MA1)');
    expect(credentialLabel('MA1', '  ')).toBe('MA1');
  });
});

describe('summarizeSendOutputs', () => {
  const queued = toSendOutput({ ok: true, index: 0, dst: '+14155550100', src: '+14155552671', messageUuids: ['u-1'], apiId: 'a', encoding: 'GSM-7', segmentCount: 1, unitCount: 2, characterCount: 2, smartEncodingApplied: false });
  const failed = toSendOutput({ ok: false, index: 1, dst: '+14155550101', error: new TextbridgeError('INVALID_PHONE_NUMBER', 'bad', { field: 'to' }) });
  const unknown = toSendOutput({ ok: false, index: 2, dst: '+14155550102', error: new TextbridgeError('DELIVERY_UNKNOWN', 'maybe') });

  it('counts recipients and prefers "may have been sent" as the reported failure', () => {
    expect(summarizeSendOutputs([queued])).toMatchObject({ status: 'queued', queuedCount: 1, failedCount: 0, messageUuids: ['u-1'], firstFailure: undefined });
    expect(summarizeSendOutputs([queued, failed])).toMatchObject({ status: 'failed', queuedCount: 1, failedCount: 1, firstFailure: failed });
    expect(summarizeSendOutputs([failed, unknown, queued])).toMatchObject({ status: 'unknown', failedCount: 2, firstFailure: unknown });
  });
});

describe('accountNumberForms', () => {
  it('gives E.164 and an international form, and leaves short codes as Plivo wrote them', () => {
    expect(accountNumberForms({ number: '14155552671' })).toEqual({ e164: '+14155552671', international: '+1 415 555 2671' });
    expect(accountNumberForms({ number: '12345' })).toEqual({ e164: '12345', international: '12345' });
  });
});

describe('calledWebhookUrl', () => {
  it('puts the query Plivo called with on the public URL, and keeps the URL when there is none', () => {
    expect(calledWebhookUrl(HOOK, 'a=1&b=2')).toBe(`${HOOK}?a=1&b=2`);
    expect(calledWebhookUrl(HOOK, '?a=1')).toBe(`${HOOK}?a=1`);
    expect(calledWebhookUrl(`${HOOK}?old=1`, 'new=2')).toBe(`${HOOK}?new=2`);
    expect(calledWebhookUrl(`${HOOK}?kept=1`, '')).toBe(`${HOOK}?kept=1`);
    expect(calledWebhookUrl(HOOK, undefined)).toBe(HOOK);
  });
});
