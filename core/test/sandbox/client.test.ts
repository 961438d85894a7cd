// Core's own Plivo client against the sandbox: both sides of the project agree on every shape, status and error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlivoClient,
  parseSendRequest, type PlivoClient, type Sandbox } from '../../src/index.js';
import { startTestSandbox, waitFor } from './helpers.js';

let sandbox: Sandbox;
let client: PlivoClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
  client = createPlivoClient({ authId: sandbox.authId, authToken: sandbox.authToken, baseUrl: sandbox.url });
});
afterAll(() => sandbox.stop());

describe('createPlivoClient against the sandbox', () => {
  it('sends in bulk and reads the messages back', async () => {
    const result = await client.sendMessage(parseSendRequest({ src: '+14155552671', dst: ['+14155550140', '+14155550141', '+14155550140'], text: 'Hi from core' }));
    expect(result.messageUuids).toHaveLength(2);
    expect(result.invalidNumbers).toEqual([]);
    expect(sandbox.state.messages.map((message) => message.uuid)).toEqual(result.messageUuids);
    const uuid = result.messageUuids[0]!;
    await waitFor(() => sandbox.state.getMessage(uuid)?.status === 'delivered');
    const message = await client.getMessage(uuid);
    expect(message).toMatchObject({ messageUuid: uuid, messageState: 'delivered' });
    const page = await client.listMessagesPage({ direction: 'outbound', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.meta).toMatchObject({ totalCount: 2 });
  });

  it('reads the account, numbers and a lookup', async () => {
    expect(await client.getAccount()).toMatchObject({ authId: sandbox.authId });
    const numbers = await client.listNumbersPage({ services: 'sms' });
    expect(numbers.items.length).toBe(sandbox.numbers.length);
    expect(await client.getNumber('+14155552671')).toMatchObject({ number: '14155552671' });
    const lookup = await client.lookupNumber('+14154305555');
    expect(lookup).toMatchObject({ phoneNumber: '+14154305555' });
  });

  it('manages an application and attaches it to a number', async () => {
    const created = await client.createApplication({ appName: 'core_client', messageUrl: 'https://example.com/in' });
    const appId = created.appId;
    expect(await client.getApplication(appId)).toMatchObject({ appId, appName: 'core_client' });
    await client.updateApplication(appId, { messageUrl: 'https://example.com/in-2' });
    expect(sandbox.state.applications.get(appId)?.messageUrl).toBe('https://example.com/in-2');
    await client.updateNumber('+14155552671', { appId });
    expect(sandbox.state.numbers.get('14155552671')?.appId).toBe(appId);
    const apps = await client.listApplicationsPage({ appName: 'core_client' });
    expect(apps.items).toHaveLength(1);
    await client.deleteApplication(appId);
    expect(sandbox.state.applications.has(appId)).toBe(false);
  });

  it('maps the sandbox’s errors to TextbridgeErrors', async () => {
    await expect(client.getMessage('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const wrong = createPlivoClient({ authId: sandbox.authId, authToken: 'wrong-token', baseUrl: sandbox.url });
    await expect(wrong.getAccount()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });

  it('reports DELIVERY_UNKNOWN for a send that faulted after it was accepted, and never resends it', async () => {
    const faulty = await startTestSandbox({ rateLimit: false, faults: { error500: 1 } });
    try {
      const faultyClient = createPlivoClient({ authId: faulty.authId, authToken: faulty.authToken, baseUrl: faulty.url });
      await expect(faultyClient.sendMessage(parseSendRequest({ src: '+14155552671', dst: '+14155550142', text: 'x' }))).rejects.toMatchObject({
        code: 'DELIVERY_UNKNOWN',
      });
      expect(faulty.state.messages).toHaveLength(1);
    } finally {
      await faulty.stop();
    }
  });

  it('reports RATE_LIMITED with the wait once retries are used up', async () => {
    const limited = await startTestSandbox({ rateLimit: { requests: 1, windowMs: 60_000 } });
    try {
      const limitedClient = createPlivoClient({ authId: limited.authId, authToken: limited.authToken, baseUrl: limited.url });
      await limitedClient.getAccount();
      await expect(limitedClient.getAccount({ maxRetries: 0 })).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterMs: expect.any(Number),
      });
    } finally {
      await limited.stop();
    }
  });
});
