// Status callbacks auto-wired: a Plivo SMS Trigger set to Delivery Status registers itself (core's registry: a
// `textbridge-status-*` application attached to no number) while active; Send lists the active ones under
// "Report Delivery To" and resolves the chosen one to its webhook URL once per run.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';
import { ACCOUNT_PATH, PLIVO, callTriggerLifecycle, loadOptions, replyTo, runPlivoSms, triggerWebhookUrl } from './harness.js';

vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);

const statusParams = { event: 'status', verifySignature: true, options: {} };
const APPS = `${ACCOUNT_PATH}/Application/`;
const HOOK = 'https://n8n.example.com/webhook/orders/plivo-sms';

/** Base-36 seconds as core writes them into the name: 2026-01-01 and one hour later. */
const t = (iso: string) => Math.floor(Date.parse(iso) / 1000).toString(36);
const app = (appId: string, appName: string, url: string) => ({ app_id: appId, app_name: appName, message_url: url, message_method: 'POST' });
const page = (objects: unknown[]) => ({
  api_id: 'l',
  meta: { limit: 20, offset: 0, next: null, previous: null, total_count: objects.length },
  objects,
});

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Plivo SMS Trigger (Delivery Status) > webhook lifecycle', () => {
  it('registers its URL as a status trigger named for the workflow, checks it, and deletes it on deactivation', async () => {
    expect((await callTriggerLifecycle('checkExists', statusParams, {})).result).toBe(false);

    const register = nock(PLIVO)
      .get(APPS)
      .query(true)
      .reply(200, page([app('in-1', 'textbridge-n8n-wf-9', triggerWebhookUrl())])) // an inbound app: not reused
      .post(APPS, (body) => /^textbridge-status-[0-9a-z]+-n8n-Test$/.test(body.app_name) && body.message_url === triggerWebhookUrl())
      .reply(201, { api_id: 'a', message: 'created', app_id: 'st-1' });
    const created = await callTriggerLifecycle('create', statusParams, {});
    expect(register.isDone()).toBe(true);
    const target = created.staticData.statusTarget as IDataObject;
    expect(target).toMatchObject({ appId: 'st-1', label: 'n8n-Test', url: triggerWebhookUrl() });
    const appName = `textbridge-status-${t(String(target.registeredAt))}-n8n-Test`;

    nock(PLIVO).get(`${APPS}st-1/`).reply(200, { api_id: 'g', ...app('st-1', appName, triggerWebhookUrl()) });
    expect((await callTriggerLifecycle('checkExists', statusParams, created.staticData)).result).toBe(true);
    nock(PLIVO).get(`${APPS}st-1/`).reply(404, { api_id: 'g', error: 'not found' });
    expect((await callTriggerLifecycle('checkExists', statusParams, created.staticData)).result).toBe(false);

    const unregister = nock(PLIVO)
      .get(APPS)
      .query(true)
      .reply(200, page([app('st-1', appName, triggerWebhookUrl()), app('in-1', 'textbridge-n8n-wf-9', triggerWebhookUrl())]))
      .get(`${APPS}st-1/`)
      .reply(200, { api_id: 'g', ...app('st-1', appName, triggerWebhookUrl()) })
      .delete(`${APPS}st-1/`)
      .reply(204);
    const deleted = await callTriggerLifecycle('delete', statusParams, created.staticData);
    expect(unregister.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]); // the inbound application was left alone
    expect(deleted.staticData.statusTarget).toBeUndefined();

    // Deactivating again, or with the application already deleted, does not fail.
    nock(PLIVO).get(APPS).query(true).reply(200, page([])).get(`${APPS}st-1/`).reply(404, { api_id: 'g', error: 'not found' });
    expect((await callTriggerLifecycle('delete', statusParams, created.staticData)).result).toBe(true);
  });

  it('still activates when Plivo refuses the registration (the URL receives reports; Send cannot list it)', async () => {
    nock(PLIVO).get(APPS).query(true).reply(401, { api_id: 'x', error: 'authentication failed' });
    const created = await callTriggerLifecycle('create', statusParams, {});
    expect(created).toEqual({ result: true, staticData: {} });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reuses the status application already sending to its URL (activating twice creates one)', async () => {
    const name = `textbridge-status-${t('2026-01-01T00:00:00Z')}-n8n-Test`;
    nock(PLIVO).get(APPS).query(true).reply(200, page([app('st-7', name, triggerWebhookUrl())]));
    const created = await callTriggerLifecycle('create', statusParams, {});
    expect(created.staticData.statusTarget).toEqual({ appId: 'st-7', label: 'n8n-Test', url: triggerWebhookUrl(), registeredAt: '2026-01-01T00:00:00.000Z' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('Plivo SMS > searchStatusTriggers', () => {
  it("lists the account's active n8n status triggers, newest first, filtered by name", async () => {
    const objects = [
      app('st-old', `textbridge-status-${t('2026-01-01T00:00:00Z')}-n8n-Orders`, HOOK),
      app('st-new', `textbridge-status-${t('2026-01-02T00:00:00Z')}-n8n-Signups`, `${HOOK}-2`),
      app('st-zap', `textbridge-status-${t('2026-01-03T00:00:00Z')}-zapier-abc`, 'https://hooks.zapier.com/x'),
      app('in-1', 'textbridge-n8n-wf-9', HOOK),
    ];
    nock(PLIVO).get(APPS).query(true).times(2).reply(200, page(objects));
    const all = await loadOptions<INodeListSearchResult>('CUSTOM.plivoSms', 'listSearch', 'searchStatusTriggers', {}, undefined);
    expect(all.results).toEqual([
      { name: 'Signups', value: 'st-new', url: `${HOOK}-2` },
      { name: 'Orders', value: 'st-old', url: HOOK },
    ]);
    const filtered = await loadOptions<INodeListSearchResult>('CUSTOM.plivoSms', 'listSearch', 'searchStatusTriggers', {}, 'ord');
    expect(filtered.results.map((result) => result.value)).toEqual(['st-old']);
  });
});

describe('Plivo SMS > Send > Report Delivery To', () => {
  const sendParams = (options: IDataObject) => ({
    resource: 'message',
    operation: 'send',
    senderType: 'src',
    from: { __rl: true, mode: 'id', value: '+14155550100' },
    to: '={{ $json.to }}',
    messageType: 'sms',
    text: '={{ $json.text }}',
    options,
  });
  const chosen = (appId: string) => ({ reportDeliveryTo: { __rl: true, mode: 'list', value: appId } });
  const statusApp = { api_id: 'g', ...app('st-1', `textbridge-status-${t('2026-01-01T00:00:00Z')}-n8n-Orders`, HOOK) };

  it('sends with the trigger\'s URL as the status callback (POST), resolving it once for the whole run', async () => {
    const bodies: Record<string, unknown>[] = [];
    const api = nock(PLIVO)
      .get(`${APPS}st-1/`)
      .once()
      .reply(200, statusApp)
      .post(`${ACCOUNT_PATH}/Message/`)
      .times(3)
      .reply(
        replyTo(({ body }) => {
          bodies.push(body);
          return [202, { api_id: 'm', message: 'queued', message_uuid: [`uuid-${bodies.length}`] }];
        }),
      );
    const items = [1, 2, 3].map((i) => ({ to: `+1415555010${i}`, text: `Order ${i}` }));
    const { output, error } = await runPlivoSms(sendParams(chosen('st-1')), items);
    expect(error).toBeUndefined();
    expect(api.isDone()).toBe(true);
    expect(output).toHaveLength(3);
    expect(bodies.map((body) => [body.url, body.method])).toEqual([
      [HOOK, 'POST'],
      [HOOK, 'POST'],
      [HOOK, 'POST'],
    ]);
  });

  it('fails with a clear error, sending nothing, when the chosen trigger is no longer active', async () => {
    nock(PLIVO).get(`${APPS}st-1/`).reply(404, { api_id: 'g', error: 'not found' });
    const { error } = await runPlivoSms(sendParams(chosen('st-1')), [{ to: '+14155550101', text: 'Hi' }]);
    expect(error?.message).toContain('no longer active');
    expect(`${error?.message} ${error?.description}`).toMatch(/reportDeliveryTo|Report Delivery To/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('with continue on fail, only the items pointing at a gone trigger fail', async () => {
    nock(PLIVO)
      .get(`${APPS}gone/`)
      .reply(404, { api_id: 'g', error: 'not found' })
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(202, { api_id: 'm', message: 'queued', message_uuid: ['uuid-1'] });
    const params = sendParams({ reportDeliveryTo: { __rl: true, mode: 'id', value: '={{ $json.trigger }}' } });
    const { output, error } = await runPlivoSms(
      params,
      [
        { to: '+14155550101', text: 'Hi', trigger: '' },
        { to: '+14155550102', text: 'Hi', trigger: 'gone' },
      ],
      { continueOnFail: true },
    );
    expect(error).toBeUndefined();
    expect(output![0]!.json).toMatchObject({ status: 'queued', messageUuid: 'uuid-1' });
    expect(output![1]!.json).toMatchObject({ error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('refuses both a Status Callback URL and a trigger, naming the option, and sends nothing', async () => {
    const { error } = await runPlivoSms(sendParams({ ...chosen('st-1'), statusCallbackUrl: 'https://example.com/status' }), [{ to: '+14155550101', text: 'Hi' }]);
    expect(`${error?.message}`).toContain('Both "Status Callback URL" and "Report Delivery To"');
    // The trigger was resolved (one lookup per run) but nothing was sent.
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps the plain Status Callback URL option working as before', async () => {
    let body: Record<string, unknown> = {};
    nock(PLIVO)
      .post(`${ACCOUNT_PATH}/Message/`)
      .reply(replyTo((request) => ((body = request.body), [202, { api_id: 'm', message: 'queued', message_uuid: ['u'] }])));
    const { error } = await runPlivoSms(sendParams({ statusCallbackUrl: 'https://example.com/status', statusCallbackMethod: 'GET' }), [{ to: '+14155550101', text: 'Hi' }]);
    expect(error).toBeUndefined();
    expect(body).toMatchObject({ url: 'https://example.com/status', method: 'GET' });
  });
});
