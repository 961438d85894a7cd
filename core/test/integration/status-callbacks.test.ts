// The delivery-status trigger registry against the sandbox: registration is idempotent and attached to no number,
// the list is newest first and filterable by host, a deactivated trigger resolves to a clear error, and inbound
// wiring (check, repair, registration, orphan cleanup) never takes a status application for one of its own.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkNumberWiring,
  createPlivoClient,
  isStatusCallbackAppName,
  isStatusCallbackRegistered,
  listStatusCallbacks,
  registerInboundWebhook,
  registerStatusCallback,
  repairNumberWiring,
  resolveStatusCallback,
  unregisterInboundWebhook,
  unregisterStatusCallback,
  type PlivoClient,
  type Sandbox,
} from '../../src/index.js';
import { inboundAppName, textbridgeAppName } from '../../src/integration/number-wiring.js';
import { systemClock } from '../../src/node/system-clock.js';
import { startTestSandbox } from '../sandbox/helpers.js';

const US = '+14155552671';
const HOOK = 'http://127.0.0.1:5678/webhook/wf-status/plivo-sms';
const OTHER = 'http://127.0.0.1:5678/webhook/wf-other/plivo-sms';

let sandbox: Sandbox;
let client: PlivoClient;
let nowMs = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({
    authId: sandbox.authId,
    authToken: sandbox.authToken,
    baseUrl: sandbox.url,
    retry: { maxRetries: 0 },
    // Registration times come from the client's clock; waiting (the request timeout) stays real.
    clock: { now: () => nowMs, sleep: systemClock.sleep },
  });
});
afterAll(() => sandbox.stop());
beforeEach(() => {
  for (const number of sandbox.state.numbers.values()) number.appId = null;
  sandbox.state.applications.clear();
});

const apps = () => [...sandbox.state.applications.values()];
const digits = (number: string): string => number.replace(/^\+/, '');

describe('registerStatusCallback', () => {
  it('creates one application named for the trigger, sending to its URL and attached to no number; again reuses it', async () => {
    const first = await registerStatusCallback(client, { url: HOOK, label: 'n8n-Orders wf' });
    expect(first).toEqual({ appId: first.appId, label: 'n8n-Orders-wf', url: HOOK, registeredAt: new Date(nowMs).toISOString() });
    nowMs += 60_000;
    const again = await registerStatusCallback(client, { url: HOOK, label: 'n8n-Orders wf' });
    expect(again).toEqual(first);
    expect(apps()).toHaveLength(1);
    expect(apps()[0]).toMatchObject({ appName: expect.stringMatching(/^textbridge-status-/), messageUrl: HOOK });
    expect([...sandbox.state.numbers.values()].every((number) => number.appId === null)).toBe(true);
  });

  it('refuses a URL that is not http(s), naming the field', async () => {
    await expect(registerStatusCallback(client, { url: 'ftp://x', label: 'a' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'messageUrl' });
    expect(apps()).toHaveLength(0);
  });
});

describe('listStatusCallbacks', () => {
  it('lists only status triggers, newest first, and those of one host with labelPrefix', async () => {
    await client.createApplication({ appName: 'textbridge-n8n-7', messageUrl: OTHER, messageMethod: 'POST' });
    await client.createApplication({ appName: 'crm', messageUrl: 'https://crm.example.com/status', messageMethod: 'POST' });
    const older = await registerStatusCallback(client, { url: HOOK, label: 'zapier-a' });
    nowMs += 3_600_000;
    const newer = await registerStatusCallback(client, { url: OTHER, label: 'zapier-b' });
    nowMs += 3_600_000;
    const n8n = await registerStatusCallback(client, { url: `${HOOK}-test`, label: 'n8n-wf' });

    expect((await listStatusCallbacks(client)).map((target) => target.appId)).toEqual([n8n.appId, newer.appId, older.appId]);
    expect((await listStatusCallbacks(client, { labelPrefix: 'zapier-' })).map((target) => target.label)).toEqual(['zapier-b', 'zapier-a']);
  });
});

describe('resolveStatusCallback and unregisterStatusCallback', () => {
  it('resolves an active trigger to its URL; once unregistered, a clear NOT_FOUND naming the field', async () => {
    const target = await registerStatusCallback(client, { url: HOOK, label: 'n8n-wf' });
    await expect(resolveStatusCallback(client, target.appId, 'options.reportDeliveryTo')).resolves.toEqual(target);
    expect(await isStatusCallbackRegistered(client, target)).toBe(true);
    expect(await isStatusCallbackRegistered(client, { ...target, url: OTHER })).toBe(false);

    await unregisterStatusCallback(client, target);
    expect(apps()).toHaveLength(0);
    expect(await isStatusCallbackRegistered(client, target)).toBe(false);
    const error = await resolveStatusCallback(client, target.appId, 'options.reportDeliveryTo').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'options.reportDeliveryTo' });
    expect((error as Error).message).toContain('no longer active');
    // Already gone, or nothing saved: not an error.
    await expect(unregisterStatusCallback(client, target)).resolves.toBeUndefined();
    await expect(unregisterStatusCallback(client, null)).resolves.toBeUndefined();
  });

  it('does not resolve an application that is not a status trigger, nor an empty choice', async () => {
    const { appId } = await client.createApplication({ appName: 'textbridge-n8n-7', messageUrl: HOOK, messageMethod: 'POST' });
    await expect(resolveStatusCallback(client, appId, 'f')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'f' });
    await expect(resolveStatusCallback(client, ' ', 'f')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'f' });
  });

  it('removes duplicates sending to the same URL, and never an inbound application with that URL', async () => {
    const target = await registerStatusCallback(client, { url: HOOK, label: 'a' });
    const duplicate = await client.createApplication({ appName: 'textbridge-status-zzzzzz-a', messageUrl: HOOK, messageMethod: 'POST' });
    const inbound = await client.createApplication({ appName: 'textbridge-n8n-7', messageUrl: HOOK, messageMethod: 'POST' });
    await unregisterStatusCallback(client, { appId: inbound.appId, url: HOOK });
    expect(apps().map((app) => app.appId)).toEqual([inbound.appId]);
    expect(target.appId).not.toBe(duplicate.appId);
  });
});

describe('inbound wiring leaves status applications alone', () => {
  it('orphan cleanup on deactivation does not delete a status application sending to the same URL', async () => {
    const status = await registerStatusCallback(client, { url: HOOK, label: 'n8n-wf' });
    const registration = await registerInboundWebhook(client, { url: HOOK, numbers: [US], appName: 'n8n-wf' });
    expect(registration.appId).not.toBe(status.appId);
    await unregisterInboundWebhook(client, registration);
    expect(apps().map((app) => app.appId)).toEqual([status.appId]);
  });

  it('repair does not attach a number to a status application, and a number on one is not "another trigger\'s"', async () => {
    const status = await registerStatusCallback(client, { url: HOOK, label: 'n8n-wf' });
    const [repair] = await repairNumberWiring(client, { numbers: [US], url: HOOK });
    expect(repair!.after.appId).not.toBe(status.appId);
    expect(repair!.after.textbridgeApp).toBe(true);

    sandbox.state.numbers.get(digits(US))!.appId = status.appId; // someone attached it in the console
    const [wiring] = await checkNumberWiring(client, { numbers: [US], expectedUrl: OTHER });
    expect(wiring!.textbridgeApp).toBe(false);
    const taken = await registerInboundWebhook(client, { url: OTHER, numbers: [US] });
    expect(taken.numbers).toEqual([{ number: digits(US), previousAppId: status.appId }]);
    // The status trigger's own unregistration still works, and it still resolved until then.
    await expect(resolveStatusCallback(client, status.appId)).resolves.toMatchObject({ url: HOOK });
  });

  it('an inbound application is never named like a status one, whatever the name or URL (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const inbound = inboundAppName(name);
        expect(isStatusCallbackAppName(inbound)).toBe(false);
        expect(inbound).toMatch(/^textbridge-[A-Za-z0-9_-]*$/);
        expect(inbound.length).toBeLessThanOrEqual(60);
        if (!isStatusCallbackAppName(textbridgeAppName(name))) expect(inbound).toBe(textbridgeAppName(name));
      }),
    );
    expect(inboundAppName('status-x')).toBe('textbridge-in-status-x');
  });

  it('any label registers under a valid Plivo name and lists back as written in name characters (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 50 }), async (label) => {
        sandbox.state.applications.clear();
        const target = await registerStatusCallback(client, { url: HOOK, label });
        const [listed] = await listStatusCallbacks(client);
        expect(listed).toEqual(target);
        expect(sandbox.state.applications.get(target.appId)!.appName).toMatch(/^textbridge-status-[0-9a-z]+-[A-Za-z0-9_-]*$/);
        expect(label.replace(/[^A-Za-z0-9_-]+/g, '-').startsWith(target.label)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
