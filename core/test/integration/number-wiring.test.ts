// Number wiring (number -> application -> message_url) against the sandbox: the check classifies every case, the repair
// re-points only what is wrong and is idempotent, and the trigger registration survives what can happen behind its
// back (application deleted, number re-pointed or unlinked, previous application deleted, number released) without
// ever taking a number from another trigger.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkNumberWiring,
  createPlivoClient,
  registerInboundWebhook,
  repairNumberWiring,
  unregisterInboundWebhook,
  type InboundWebhookRegistration,
  type PlivoClient,
  type Sandbox,
} from '../../src/index.js';
import { startTestSandbox } from '../sandbox/helpers.js';

const US = '+14155552671';
const TOLLFREE = '+18885550199';
const CA = '+16045550199';
const UK = '+447520123456';
const HOOK = 'http://127.0.0.1:5678/webhook/wf-one/plivo-sms';
const OTHER_HOOK = 'http://127.0.0.1:5678/webhook/wf-two/plivo-sms';

let sandbox: Sandbox;
let client: PlivoClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url, retry: { maxRetries: 0 } });
});
afterAll(() => sandbox.stop());

/** Every number unlinked and every application deleted, as on a fresh account. */
async function resetAccount(): Promise<void> {
  for (const number of sandbox.state.numbers.values()) number.appId = null;
  sandbox.state.applications.clear();
}
beforeEach(resetAccount);

const digits = (number: string): string => number.replace(/^\+/, '');
const appOf = (number: string): string | null => sandbox.state.numbers.get(digits(number))?.appId ?? null;
const appIds = (): string[] => [...sandbox.state.applications.keys()];

async function userApp(name: string, url: string): Promise<string> {
  return (await client.createApplication({ appName: name, messageUrl: url, messageMethod: 'POST' })).appId;
}

describe('checkNumberWiring', () => {
  it('reports every account number with its application and URL, classified against the expected URL', async () => {
    const ours = await userApp('textbridge-wf-one', HOOK);
    const theirs = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: ours });
    await client.updateNumber(TOLLFREE, { appId: theirs });
    sandbox.state.numbers.get(digits(CA))!.appId = 'deleted-app-1'; // a dangling reference

    const wiring = await checkNumberWiring(client, { expectedUrl: HOOK });
    expect(wiring.map(({ number, status, matches }) => ({ number, status, matches }))).toEqual([
      { number: US, status: 'points-here', matches: true },
      { number: TOLLFREE, status: 'points-elsewhere', matches: false },
      { number: CA, status: 'application-missing', matches: false },
      { number: UK, status: 'no-application', matches: false },
    ]);
    expect(wiring[0]).toEqual({
      number: US,
      appId: ours,
      appName: 'textbridge-wf-one',
      messageUrl: HOOK,
      messageMethod: 'POST',
      status: 'points-here',
      matches: true,
      textbridgeApp: true,
    });
    expect(wiring[1]).toMatchObject({ appName: 'crm', messageUrl: 'https://crm.example.com/sms', textbridgeApp: false });
    expect(wiring[2]).toMatchObject({ appId: 'deleted-app-1', appName: null, messageUrl: null });
  });

  it('without an expected URL says only whether a number is linked; with numbers, reads just those in that order', async () => {
    await client.updateNumber(UK, { appId: await userApp('crm', 'https://crm.example.com/sms') });
    const wiring = await checkNumberWiring(client, { numbers: ['+44 7520 123456', '14155552671'] });
    expect(wiring.map(({ number, status, matches }) => ({ number, status, matches }))).toEqual([
      { number: UK, status: 'linked', matches: null },
      { number: US, status: 'no-application', matches: null },
    ]);
  });

  it('treats URLs that differ only in case of the host or a default port as the same', async () => {
    await client.updateNumber(US, { appId: await userApp('textbridge-x', 'https://N8N.example.com:443/webhook/a') });
    const [wiring] = await checkNumberWiring(client, { numbers: [US], expectedUrl: 'https://n8n.example.com/webhook/a' });
    expect(wiring?.status).toBe('points-here');
  });

  it('names the field for a bad URL or number, and fails NOT_FOUND for a number the account does not have', async () => {
    await expect(checkNumberWiring(client, { expectedUrl: 'n8n.example.com/webhook' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'expectedUrl',
      message: expect.stringContaining('must be an http(s) URL'),
    });
    await expect(checkNumberWiring(client, { numbers: ['12'] })).rejects.toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'numbers[0]' });
    await expect(checkNumberWiring(client, { numbers: ['+12025550123'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('repairNumberWiring', () => {
  it('re-points only the wrong numbers, to the application already sending to the URL, and changes nothing the second time', async () => {
    const ours = await userApp('textbridge-wf-one', HOOK);
    await client.updateNumber(US, { appId: ours });
    await client.updateNumber(UK, { appId: await userApp('crm', 'https://crm.example.com/sms') });
    sandbox.state.numbers.get(digits(CA))!.appId = 'deleted-app-1';
    const appsBefore = appIds().length;

    const repaired = await repairNumberWiring(client, { numbers: [US, UK, CA], url: HOOK });
    expect(repaired.map(({ number, action, before, after }) => [number, action, before.status, after.status])).toEqual([
      [US, 'unchanged', 'points-here', 'points-here'],
      [UK, 'repointed', 'points-elsewhere', 'points-here'],
      [CA, 'repointed', 'application-missing', 'points-here'],
    ]);
    expect([appOf(US), appOf(UK), appOf(CA)]).toEqual([ours, ours, ours]);
    expect(appIds()).toHaveLength(appsBefore);

    const again = await repairNumberWiring(client, { numbers: [US, UK, CA], url: HOOK });
    expect(again.every((repair) => repair.action === 'unchanged')).toBe(true);
    expect(appIds()).toHaveLength(appsBefore);
  });

  it('finds an application for the URL on the account, else creates a Textbridge one', async () => {
    const existing = await userApp('someone-elses-name', HOOK);
    await repairNumberWiring(client, { numbers: [US], url: HOOK });
    expect(appOf(US)).toBe(existing);

    await resetAccount();
    const [repair] = await repairNumberWiring(client, { numbers: [US], url: HOOK });
    expect(repair?.after).toMatchObject({ status: 'points-here', textbridgeApp: true, appName: expect.stringMatching(/^textbridge-/) });
    expect(appIds()).toHaveLength(1);
  });

  it('refuses to guess which numbers to re-point', async () => {
    await expect(repairNumberWiring(client, { numbers: [], url: HOOK })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'numbers' });
    await expect(repairNumberWiring(client, { numbers: [US], url: 'ftp://x' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'url' });
  });
});

describe('registerInboundWebhook / unregisterInboundWebhook: what happens behind the trigger’s back', () => {
  const register = (replacing?: InboundWebhookRegistration, numbers = [US, UK], url = HOOK, appName = 'n8n-wf-one') =>
    registerInboundWebhook(client, { url, numbers, appName, ...(replacing ? { replacing } : {}) });

  it('activating again with the saved registration changes nothing (same application, no new ones)', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const first = await register();
    expect(first.numbers).toEqual([
      { number: digits(US), previousAppId: crm },
      { number: digits(UK), previousAppId: null },
    ]);
    expect(sandbox.state.applications.get(first.appId)?.appName).toBe('textbridge-n8n-wf-one');
    const again = await register(first);
    expect(again).toEqual(first);
    expect(appIds().sort()).toEqual([crm, first.appId].sort());
  });

  it('recreates a deleted application and keeps the previous applications it remembered', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const saved = await register();
    await client.deleteApplication(saved.appId); // in the console: the numbers are left without an application

    const repaired = await register(saved);
    expect(repaired.appId).not.toBe(saved.appId);
    expect(repaired.numbers).toEqual(saved.numbers);
    expect([appOf(US), appOf(UK)]).toEqual([repaired.appId, repaired.appId]);

    await unregisterInboundWebhook(client, repaired);
    expect([appOf(US), appOf(UK)]).toEqual([crm, null]);
    expect(appIds()).toEqual([crm]);
  });

  it('re-points a number moved to another application and restores that one on deactivation', async () => {
    const saved = await register();
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(UK, { appId: crm });
    expect((await checkNumberWiring(client, { numbers: [UK], expectedUrl: HOOK }))[0]?.status).toBe('points-elsewhere');

    const repaired = await register(saved);
    expect(repaired.appId).toBe(saved.appId);
    expect(appOf(UK)).toBe(saved.appId);
    await unregisterInboundWebhook(client, repaired);
    expect([appOf(US), appOf(UK)]).toEqual([null, crm]);
  });

  it('gives numbers no longer chosen their previous application back, and points the application at a new URL', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(UK, { appId: crm });
    const saved = await register();
    const moved = await register(saved, [US], 'http://127.0.0.1:5679/webhook/wf-one/plivo-sms');
    expect(moved.appId).toBe(saved.appId);
    expect(sandbox.state.applications.get(saved.appId)?.messageUrl).toBe('http://127.0.0.1:5679/webhook/wf-one/plivo-sms');
    expect([appOf(US), appOf(UK)]).toEqual([saved.appId, crm]);
  });

  it('refuses a number another workflow uses, naming it, its application and URL, and changes nothing', async () => {
    const other = await register(undefined, [UK], OTHER_HOOK, 'n8n-wf-two');
    const before = JSON.stringify([...sandbox.state.numbers.values()]);
    const appsBefore = appIds();
    const refusal = register(undefined, [US, UK]);
    await expect(refusal).rejects.toMatchObject({
      code: 'NUMBER_IN_USE',
      field: 'numbers',
      message: expect.stringContaining(`${UK} (application "textbridge-n8n-wf-two" sends to ${OTHER_HOOK})`),
      hint: expect.stringContaining(`textbridge wiring --number ${UK} --expect ${HOOK} --repair`),
    });
    expect(JSON.stringify([...sandbox.state.numbers.values()])).toBe(before);
    expect(appIds()).toEqual(appsBefore);
    expect(appOf(UK)).toBe(other.appId);
  });

  it("stacks on its own workflow's application (the test URL over the production one) and gives it back", async () => {
    const production = await register(undefined, [US]);
    const test = await register(undefined, [US], 'http://127.0.0.1:5678/webhook-test/wf-one/plivo-sms');
    expect(test.numbers).toEqual([{ number: digits(US), previousAppId: production.appId }]);
    await unregisterInboundWebhook(client, test);
    expect(appOf(US)).toBe(production.appId);
  });

  it('deactivation never fails because something is already gone', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const saved = await register(undefined, [US, CA]);
    await client.deleteApplication(crm); // the previous application is gone: US is unlinked instead
    const released = sandbox.state.numbers.get(digits(CA))!;
    sandbox.state.numbers.delete(digits(CA)); // the number was released
    try {
      await expect(unregisterInboundWebhook(client, saved)).resolves.toBeUndefined();
      expect(appOf(US)).toBeNull();
      expect(appIds()).toEqual([]);
      await expect(unregisterInboundWebhook(client, saved)).resolves.toBeUndefined(); // twice: nothing left to do
    } finally {
      sandbox.state.numbers.set(digits(CA), released);
    }
  });

  it('deactivation after our application was deleted in the console gives the numbers their previous application back', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const saved = await register();
    await client.deleteApplication(saved.appId);
    await unregisterInboundWebhook(client, saved);
    expect([appOf(US), appOf(UK)]).toEqual([crm, null]);
  });

  it('deactivation leaves a number the user unlinked or moved while our application exists', async () => {
    const saved = await register();
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: 'null' });
    await client.updateNumber(UK, { appId: crm });
    await unregisterInboundWebhook(client, { ...saved, numbers: saved.numbers.map((n) => ({ ...n, previousAppId: crm })) });
    expect([appOf(US), appOf(UK)]).toEqual([null, crm]);
  });

  it('deactivation also undoes a repair made from outside (another Textbridge application sending to our URL)', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const saved = await register(undefined, [US]);
    await client.deleteApplication(saved.appId);
    await repairNumberWiring(client, { numbers: [US], url: HOOK });
    const repairApp = appOf(US)!;
    expect(repairApp).not.toBe(saved.appId);
    await unregisterInboundWebhook(client, saved);
    expect(appOf(US)).toBe(crm);
    expect(appIds()).toEqual([crm]);
  });

  it('deactivation deletes a repair\'s application that the numbers were moved away from since (found by the property below)', async () => {
    const crm = await userApp('crm', 'https://crm.example.com/sms');
    await client.updateNumber(US, { appId: crm });
    const saved = await register();
    await client.deleteApplication(saved.appId);
    await repairNumberWiring(client, { numbers: [UK], url: HOOK });
    await client.updateNumber(UK, { appId: crm });
    const active = await register(saved);
    await unregisterInboundWebhook(client, active);
    expect([...sandbox.state.applications.values()].filter((app) => app.appName.startsWith('textbridge-'))).toEqual([]);
    expect(appIds()).toEqual([crm]);
  });

  type Change = 'delete-our-app' | 'move-to-crm' | 'unlink' | 'delete-crm' | 'repair';
  it('property: whatever happens in the console, activating again wires every number and deactivating leaves no Textbridge application', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            change: fc.constantFrom<Change>('delete-our-app', 'move-to-crm', 'unlink', 'delete-crm', 'repair'),
            number: fc.constantFrom(US, UK),
          }),
          { maxLength: 5 },
        ),
        async (changes) => {
          await resetAccount();
          const crm = await userApp('crm', 'https://crm.example.com/sms');
          await client.updateNumber(US, { appId: crm });
          const saved = await register();
          for (const { change, number } of changes) {
            if (change === 'delete-our-app') await client.deleteApplication(saved.appId).catch(() => undefined);
            if (change === 'move-to-crm' && sandbox.state.applications.has(crm)) await client.updateNumber(number, { appId: crm });
            if (change === 'unlink') await client.updateNumber(number, { appId: 'null' });
            if (change === 'delete-crm') await client.deleteApplication(crm).catch(() => undefined);
            if (change === 'repair') await repairNumberWiring(client, { numbers: [number], url: HOOK });
          }
          const active = await register(saved);
          const wiring = await checkNumberWiring(client, { numbers: [US, UK], expectedUrl: HOOK });
          expect(wiring.map((w) => w.status)).toEqual(['points-here', 'points-here']);
          expect(new Set(wiring.map((w) => w.appId))).toEqual(new Set([active.appId]));
          expect(await register(active)).toEqual(active);

          await unregisterInboundWebhook(client, active);
          const left = [...sandbox.state.applications.values()].filter((app) => app.appName.startsWith('textbridge-'));
          expect(left).toEqual([]);
          for (const { number, previousAppId } of active.numbers) {
            const expected = previousAppId !== null && sandbox.state.applications.has(previousAppId) ? previousAppId : null;
            expect(appOf(number)).toBe(expected);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
