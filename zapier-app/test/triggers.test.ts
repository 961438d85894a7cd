import { plivoSignatureHeaders, setDefaultNonceStore } from '@textbridge/core';
import type { ZObject } from 'zapier-platform-core';
import { zapierNonceStore } from '../src/nonce-cache.js';
import { deliveryStatusTrigger, pollStatusUpdates } from '../src/triggers/delivery-status.js';
import { pollInbound } from '../src/triggers/new-inbound-sms-polling.js';
import { listRecentInbound, receiveInbound, subscribeInbound, unsubscribeInbound } from '../src/triggers/new-inbound-sms.js';
import { listSenderNumbers } from '../src/triggers/sender-number.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_PATH,
  AUTH_TOKEN,
  appTester,
  authData,
  failureOf,
  isolateNetwork,
  listBody,
  messageRecord,
  plivoApi,
  resetNetwork,
  zapierErrorBody,
} from './helpers.js';

const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/123456/abcdef0123456789/';
const NUMBER_PATH = `${ACCOUNT_PATH}/Number/14155552671/`;

function numberRecord(appId: string | null): Record<string, unknown> {
  return {
    number: '14155552671',
    alias: 'Support line',
    application: appId === null ? null : `${ACCOUNT_PATH}/Application/${appId}/`,
    sms_enabled: true,
    mms_enabled: true,
    voice_enabled: true,
    number_type: 'local',
    country: 'UNITED STATES',
  };
}

const REGISTRATION = {
  id: 'zap-app-1',
  appId: 'zap-app-1',
  url: TARGET_URL,
  method: 'POST',
  numbers: [{ number: '14155552671', previousAppId: 'previous-app' }],
};

/** A webhook call as Zapier hands it to `perform`: headers renamed `Http-…`, the form body as sent. */
function zapierHookBundle(params: Record<string, string>, signWith = AUTH_TOKEN, url = TARGET_URL) {
  const signature = plivoSignatureHeaders({ method: 'POST', url, params, authToken: signWith });
  const headers: Record<string, string> = { 'Http-Content-Type': 'application/x-www-form-urlencoded', 'Http-User-Agent': 'PlivoHTTP/1.0' };
  for (const [name, value] of Object.entries(signature)) {
    headers[`Http-${name.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1).toLowerCase()).join('-')}`] = value;
  }
  return {
    authData,
    inputData: { number: '+14155552671' },
    targetUrl: TARGET_URL,
    subscribeData: REGISTRATION,
    cleanedRequest: params,
    rawRequest: { method: 'POST' as const, querystring: '', headers, content: new URLSearchParams(params).toString() },
  };
}

const INBOUND = {
  From: '14155550123',
  To: '14155552671',
  Text: 'STOP',
  Type: 'sms',
  MessageUUID: '5e2c9a10-1c2e-11ef-8d3b-0242ac110003',
  Units: '1',
  TotalRate: '0.00000',
  TotalAmount: '0.00000',
  MessageIntent: 'optout',
};

describe('New Inbound SMS (instant)', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('subscribes by pointing the chosen number at the Zap through a new Plivo application', async () => {
    const created: Record<string, unknown>[] = [];
    const attached: Record<string, unknown>[] = [];
    plivoApi().get(NUMBER_PATH).reply(200, numberRecord('previous-app'));
    plivoApi()
      .get(`${ACCOUNT_PATH}/Application/previous-app/`)
      .reply(200, { api_id: 'a', app_id: 'previous-app', app_name: 'my-xml-app', message_url: 'https://crm.example.com/sms' });
    plivoApi()
      .post(`${ACCOUNT_PATH}/Application/`, (body: Record<string, unknown>) => created.push(body) > 0)
      .reply(201, { api_id: 'app-1', app_id: 'zap-app-1', message: 'created' });
    plivoApi()
      .post(NUMBER_PATH, (body: Record<string, unknown>) => attached.push(body) > 0)
      .reply(202, { api_id: 'num-1', message: 'changed' });
    const subscription = await appTester(subscribeInbound, {
      authData,
      targetUrl: TARGET_URL,
      inputData: { number: '+1 (415) 555-2671' },
    });
    expect(created[0]).toMatchObject({ message_url: TARGET_URL, message_method: 'POST' });
    expect(attached).toEqual([{ app_id: 'zap-app-1' }]);
    expect(subscription).toEqual(REGISTRATION);
  });

  it('unsubscribes by giving the number its previous application back and deleting ours', async () => {
    const restored: Record<string, unknown>[] = [];
    plivoApi().get(NUMBER_PATH).reply(200, numberRecord('zap-app-1'));
    plivoApi()
      .post(NUMBER_PATH, (body: Record<string, unknown>) => restored.push(body) > 0)
      .reply(202, { api_id: 'num-2', message: 'changed' });
    const deleted = plivoApi().delete(`${ACCOUNT_PATH}/Application/zap-app-1/`).reply(204);
    const result = await appTester(unsubscribeInbound, { authData, subscribeData: REGISTRATION });
    expect(restored).toEqual([{ app_id: 'previous-app' }]);
    expect(deleted.isDone()).toBe(true);
    expect(result).toEqual({ id: 'zap-app-1', unsubscribed: true });
  });

  it("refuses a number another Zap or workflow receives on, naming it, and changes nothing", async () => {
    const other = 'https://hooks.zapier.com/hooks/standard/999/other/';
    plivoApi().get(NUMBER_PATH).reply(200, numberRecord('other-zap-app'));
    plivoApi()
      .get(`${ACCOUNT_PATH}/Application/other-zap-app/`)
      .reply(200, { api_id: 'a', app_id: 'other-zap-app', app_name: 'textbridge-hooks-standard-999-other', message_url: other });
    const error = await failureOf(appTester(subscribeInbound, { authData, targetUrl: TARGET_URL, inputData: { number: '+14155552671' } }));
    expect(zapierErrorBody(error)).toMatchObject({
      code: 'NUMBER_IN_USE',
      message: expect.stringContaining(`+14155552671 (application "textbridge-hooks-standard-999-other" sends to ${other}) already receives SMS`),
    });
  });

  it('unsubscribes without failing when everything is already gone (number released, application deleted)', async () => {
    plivoApi().get(NUMBER_PATH).reply(404, { api_id: 'n', error: 'not found' });
    const deleted = plivoApi().delete(`${ACCOUNT_PATH}/Application/zap-app-1/`).reply(404, { api_id: 'd', error: 'not found' });
    expect(await appTester(unsubscribeInbound, { authData, subscribeData: REGISTRATION })).toEqual({ id: 'zap-app-1', unsubscribed: true });
    expect(deleted.isDone()).toBe(true);
  });

  it('unsubscribes by unlinking the number when its previous application was deleted since', async () => {
    const updates: Record<string, unknown>[] = [];
    plivoApi().get(NUMBER_PATH).reply(200, numberRecord('zap-app-1'));
    plivoApi()
      .post(NUMBER_PATH, (body: Record<string, unknown>) => updates.push(body) > 0)
      .reply(404, { api_id: 'u', error: 'application not found' });
    plivoApi()
      .post(NUMBER_PATH, (body: Record<string, unknown>) => updates.push(body) > 0)
      .reply(202, { api_id: 'u', message: 'changed' });
    plivoApi().delete(`${ACCOUNT_PATH}/Application/zap-app-1/`).reply(204);
    expect(await appTester(unsubscribeInbound, { authData, subscribeData: REGISTRATION })).toEqual({ id: 'zap-app-1', unsubscribed: true });
    expect(updates).toEqual([{ app_id: 'previous-app' }, { app_id: 'null' }]);
  });

  it('emits a correctly signed inbound SMS, read from the raw request', async () => {
    const [message, ...rest] = await appTester(receiveInbound, zapierHookBundle(INBOUND));
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      id: INBOUND.MessageUUID,
      messageUuid: INBOUND.MessageUUID,
      from: '+14155550123',
      to: '+14155552671',
      text: 'STOP',
      type: 'sms',
      intent: 'optout',
      keyword: 'STOP',
      mediaUrls: [],
    });
    expect(Date.parse(message!.receivedAt!)).not.toBeNaN();
  });

  // The app logs why it ignored a call (to the Zap's log on Zapier): captured here, and checked.
  it('ignores a request signed with another token, or altered after signing, and logs why', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await appTester(receiveInbound, zapierHookBundle(INBOUND, 'SomeoneElsesToken000000000000000000000'))).toEqual([]);
      const tampered = zapierHookBundle(INBOUND);
      tampered.rawRequest.content = new URLSearchParams({ ...INBOUND, Text: 'Send me a refund' }).toString();
      expect(await appTester(receiveInbound, tampered)).toEqual([]);
      expect(log.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/^Ignored a webhook call \(403\)/),
        expect.stringMatching(/^Ignored a webhook call \(403\)/),
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('ignores a request without any signature, and logs why', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const unsigned = zapierHookBundle(INBOUND);
      unsigned.rawRequest.headers = { 'Http-Content-Type': 'application/x-www-form-urlencoded' };
      expect(await appTester(receiveInbound, unsigned)).toEqual([]);
      expect(log.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^Ignored a webhook call \(401\)/)]);
    } finally {
      log.mockRestore();
    }
  });

  it('lists recent inbound messages to the number for setting up the Zap', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query((query) => query.message_direction === 'inbound' && query.to_number === '14155552671')
      .reply(200, listBody([messageRecord({ message_direction: 'inbound', message_state: 'received', from_number: '14155550123', to_number: '14155552671' })]));
    const samples = await appTester(listRecentInbound, { authData, inputData: { number: '+14155552671' } });
    expect(samples).toEqual([
      expect.objectContaining({ from: '+14155550123', to: '+14155552671', text: null, receivedAt: '2026-05-22T21:36:14.000Z' }),
    ]);
  });
});

describe('New Inbound SMS (instant): replays and downgrades', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  /** Runs `perform` with the log captured; returns what it gave and the log lines. */
  async function receiveLogged(bundle: ReturnType<typeof zapierHookBundle>) {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const results = await appTester(receiveInbound, bundle);
      return { results, log: log.mock.calls.map((call) => String(call[0])) };
    } finally {
      log.mockRestore();
    }
  }

  it('triggers once for a captured call; replays give no result, also in another Lambda container (Zapier’s cache)', async () => {
    const bundle = zapierHookBundle({ ...INBOUND, MessageUUID: 'zap-replayed-1' });
    expect(await appTester(receiveInbound, bundle)).toHaveLength(1);
    const replay = await receiveLogged(bundle);
    expect(replay.results).toEqual([]);
    expect(replay.log).toEqual([expect.stringMatching(/^Ignored a webhook call \(403\): .*already used/)]);
    // A fresh container: core's in-memory store is empty there, and Zapier's cache still knows the nonce.
    setDefaultNonceStore(null);
    expect((await receiveLogged(bundle)).results).toEqual([]);
  });

  it('gives no result for a downgraded copy (V3 headers stripped, other text) of a call it accepted', async () => {
    const bundle = zapierHookBundle({ ...INBOUND, Text: 'Lunch at 1?' });
    expect(await appTester(receiveInbound, bundle)).toHaveLength(1);
    const headers = Object.fromEntries(Object.entries(bundle.rawRequest.headers).filter(([name]) => !/V3/i.test(name)));
    const forged = { ...bundle, rawRequest: { ...bundle.rawRequest, headers, content: new URLSearchParams({ ...INBOUND, Text: 'Reset my password' }).toString() } };
    const attack = await receiveLogged(forged);
    expect(attack.results).toEqual([]);
    expect(attack.log).toEqual([expect.stringMatching(/^Ignored a webhook call \(403\)/)]);
  });

  it('with "Require V3 Signatures" on, gives no result for a call signed only with V2', async () => {
    const v2Only = zapierHookBundle(INBOUND);
    v2Only.rawRequest.headers = Object.fromEntries(Object.entries(v2Only.rawRequest.headers).filter(([name]) => !/V3/i.test(name)));
    const refused = await receiveLogged({ ...v2Only, inputData: { ...v2Only.inputData, require_v3: 'true' } } as typeof v2Only);
    expect(refused.results).toEqual([]);
    expect(refused.log).toEqual([expect.stringMatching(/^Ignored a webhook call \(401\): X-Plivo-Signature-V3 is required/)]);
    const v3 = zapierHookBundle(INBOUND);
    expect(await appTester(receiveInbound, { ...v3, inputData: { ...v3.inputData, require_v3: true } } as typeof v3)).toHaveLength(1);
    // Off (the default), the same V2-only call is accepted: Plivo's messaging docs name only V2.
    expect(await appTester(receiveInbound, v2Only)).toHaveLength(1);
  });

  it('shares nonces through z.cache: set only if absent, and a cache outage falls back to memory only', async () => {
    const entries = new Map<string, unknown>();
    const lines: string[] = [];
    const cache = {
      get: async (key: string) => entries.get(key) ?? null,
      set: async (key: string, value: unknown, ttl?: number, _scope?: string[], nx?: boolean) => {
        expect(ttl).toBe(24 * 60 * 60);
        if (nx && entries.has(key)) return false;
        entries.set(key, value);
        return true;
      },
    };
    const store = zapierNonceStore({ cache, console: { log: (line: string) => lines.push(line) } } as unknown as ZObject);
    expect(await store.remember('k1')).toBe(true);
    expect(await store.remember('k1')).toBe(false);
    // Another container won the race between our read and our write: Zapier's `nx` answers false.
    const racing = zapierNonceStore({ cache: { ...cache, get: async () => null } } as unknown as ZObject);
    expect(await racing.remember('k1')).toBe(false);
    const down = zapierNonceStore({
      cache: { get: async () => Promise.reject(new Error('rpc is not available')), set: cache.set },
      console: { log: (line: string) => lines.push(line) },
    } as unknown as ZObject);
    expect(await down.remember('k2')).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/did not answer the replay check \(rpc is not available\)/)]);
  });
});

describe('Delivery Status Update (polling)', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('keys each result on message UUID and status, so each status change triggers once', async () => {
    const uuid = 'a1a1a1a1-1c2d-11ef-9a1c-0242ac110009';
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query((query) => query.message_direction === 'outbound' && query.message_state === undefined)
      .reply(200, listBody([messageRecord({ message_uuid: uuid, message_state: 'sent' })]));
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query(true)
      .reply(200, listBody([messageRecord({ message_uuid: uuid, message_state: 'delivered' })]));
    const first = await appTester(pollStatusUpdates, { authData, inputData: {} });
    const second = await appTester(pollStatusUpdates, { authData, inputData: {} });
    expect(first.map((item) => item.id)).toEqual([`${uuid}:sent`]);
    expect(second.map((item) => item.id)).toEqual([`${uuid}:delivered`]);
    expect(first[0]?.messageUuid).toBe(second[0]?.messageUuid);

    const fields = deliveryStatusTrigger.operation.outputFields as { key: string; primary?: boolean }[];
    const primary = fields.filter((field) => field.primary).map((field) => field.key);
    expect(primary.sort()).toEqual(['messageUuid', 'status']);
  });

  it('asks Plivo for the chosen status only', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query((query) => query.message_state === 'undelivered' && query.message_direction === 'outbound')
      .reply(200, listBody([messageRecord({ message_state: 'undelivered', error_code: '30' })]));
    const updates = await appTester(pollStatusUpdates, { authData, inputData: { status: 'undelivered' } });
    expect(updates).toEqual([expect.objectContaining({ status: 'undelivered', errorCode: '30' })]);
  });

  it('reads more pages when Zapier fills its dedupe list', async () => {
    const page = (offset: number) =>
      Array.from({ length: 20 }, (_, i) => messageRecord({ message_uuid: `m-${offset + i}`, message_state: 'delivered' }));
    const scope = plivoApi();
    for (const offset of [0, 20, 40, 60, 80]) {
      scope
        .get(`${ACCOUNT_PATH}/Message/`)
        .query((query) => query.offset === String(offset))
        .reply(200, {
          api_id: `list-${offset}`,
          meta: { limit: 20, offset, next: `${ACCOUNT_PATH}/Message/?offset=${offset + 20}`, previous: null, total_count: 500 },
          objects: page(offset),
        });
    }
    const all = await appTester(pollStatusUpdates, { authData, inputData: {}, meta: { isPopulatingDedupe: true } });
    expect(all).toHaveLength(100);
    expect(new Set(all.map((item) => item.id)).size).toBe(100);
  });
});

describe('New Inbound SMS (polling)', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('lists inbound messages keyed on their UUID', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Message/`)
      .query((query) => query.message_direction === 'inbound' && query.to_number === undefined)
      .reply(200, listBody([messageRecord({ message_uuid: 'in-1', message_direction: 'inbound', message_state: 'received' })]));
    const found = await appTester(pollInbound, { authData, inputData: {} });
    expect(found).toEqual([expect.objectContaining({ id: 'in-1', messageUuid: 'in-1', text: null })]);
  });
});

describe('Phone number dropdown (hidden trigger)', () => {
  beforeEach(isolateNetwork);
  afterEach(resetNetwork);

  it('lists SMS-enabled numbers as E.164 ids with readable labels', async () => {
    plivoApi()
      .get(`${ACCOUNT_PATH}/Number/`)
      .query((query) => query.services === 'sms' && query.offset === '0')
      .reply(200, listBody([numberRecord(null), { ...numberRecord(null), number: '447520123456', alias: null }, { ...numberRecord(null), number: '55555', alias: null }]));
    const numbers = await appTester(listSenderNumbers, { authData, inputData: {}, meta: { page: 0 } });
    expect(numbers.map(({ id, label }) => ({ id, label }))).toEqual([
      { id: '+14155552671', label: '+1 415 555 2671 (Support line)' },
      { id: '+447520123456', label: '+44 7520 123456' },
      // A short code is not a phone number core can format: it is listed as Plivo wrote it.
      { id: '55555', label: '55555' },
    ]);
  });
});
