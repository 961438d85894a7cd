// Every client call against nock: method, path (trailing slash), JSON body, auth and headers, and the mapping of
// Plivo's answer to camelCase with `raw`.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPlivoClient,
  parseSendRequest, createUndiciTransport, type Message } from '../../src/index.js';
import {
  ACCOUNT,
  ACCOUNT_ANSWER,
  API,
  APPLICATION_RECORD,
  AUTH_ID,
  AUTH_TOKEN,
  BASIC,
  LOOKUP,
  LOOKUP_ANSWER,
  MESSAGE_RECORD,
  NUMBER_RECORD,
  SEND_ANSWER,
  listAnswer,
  messageRecord,
  plivoApi,
  testClient,
} from './fixtures.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('sendMessage', () => {
  it('posts a JSON body with Basic auth, JSON content type and the User-Agent, and maps the answer', async () => {
    const scope = nock(API)
      .matchHeader('authorization', BASIC)
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json')
      .matchHeader('user-agent', /^textbridge-core\//)
      .post(`${ACCOUNT}/Message/`, { src: '14155550100', dst: '14155550123', text: 'Hello from Textbridge' })
      .reply(202, SEND_ANSWER);
    const result = await testClient().sendMessage(parseSendRequest({ src: '+1 415 555 0100', dst: '+1 (415) 555-0123', text: 'Hello from Textbridge' }));
    expect(result).toEqual({
      apiId: SEND_ANSWER.api_id,
      message: 'message(s) queued',
      messageUuids: SEND_ANSWER.message_uuid,
      invalidNumbers: [],
      raw: SEND_ANSWER,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends every option in Plivo names and formats', async () => {
    const body = {
      src: 'Textbridge',
      dst: '14155550123',
      text: 'See the photo',
      type: 'mms',
      media_urls: ['https://media.example.com/a.jpg', 'http://media.example.com/b.png'],
      url: 'https://hooks.example.com/status?x=1',
      method: 'GET',
      log: false,
      trackable: true,
      message_expiry: 600,
    };
    const scope = plivoApi().post(`${ACCOUNT}/Message/`, body).reply(202, SEND_ANSWER);
    await testClient().sendMessage(parseSendRequest({
      src: 'Textbridge',
      dst: '14155550123',
      text: 'See the photo',
      type: 'mms',
      mediaUrls: ['https://media.example.com/a.jpg', 'http://media.example.com/b.png'],
      url: 'https://hooks.example.com/status?x=1',
      method: 'GET',
      log: false,
      trackable: true,
      messageExpiry: 600,
    }));
    expect(scope.isDone()).toBe(true);
  });

  it('sends with a powerpack instead of src, and infers MMS from media URLs', async () => {
    const scope = plivoApi()
      .post(`${ACCOUNT}/Message/`, {
        powerpack_uuid: 'd7d1a9f8-2e3b-4b3c-9a55-4a1b2c3d4e5f',
        dst: '14155550123',
        type: 'mms',
        media_urls: ['https://media.example.com/a.jpg'],
      })
      .reply(202, SEND_ANSWER);
    await testClient().sendMessage(parseSendRequest({
      powerpackUuid: 'd7d1a9f8-2e3b-4b3c-9a55-4a1b2c3d4e5f',
      dst: '+14155550123',
      mediaUrls: ['https://media.example.com/a.jpg'],
    }));
    expect(scope.isDone()).toBe(true);
  });

  it('joins many destinations with "<" in Plivo format, removing duplicates, and maps invalid numbers', async () => {
    const answer = {
      api_id: 'f2c0d3a6-0000-11e1-8ea7-1231380bc196',
      message: 'message(s) queued',
      message_uuid: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
      invalid_number: ['447700900123'],
    };
    const scope = plivoApi()
      .post(`${ACCOUNT}/Message/`, { src: '14155550100', dst: '14155550123<14155550124<447700900123', text: 'Hi' })
      .reply(202, answer);
    const result = await testClient().sendMessage(parseSendRequest({
      src: '14155550100',
      dst: ['+1 415 555 0123', '14155550124', '+14155550123', '0044 7700 900123'],
      text: 'Hi',
    }));
    expect(result.messageUuids).toEqual(answer.message_uuid);
    expect(result.invalidNumbers).toEqual(['447700900123']);
    expect(scope.isDone()).toBe(true);
  });

  it('accepts a "<"-joined dst string', async () => {
    const scope = plivoApi()
      .post(`${ACCOUNT}/Message/`, { src: '14155550100', dst: '14155550123<14155550124', text: 'Hi' })
      .reply(202, SEND_ANSWER);
    await testClient().sendMessage(parseSendRequest({ src: '14155550100', dst: '+14155550123<+14155550124', text: 'Hi' }));
    expect(scope.isDone()).toBe(true);
  });

  it('uses the shared undici transport when none is given', async () => {
    const scope = plivoApi().post(`${ACCOUNT}/Message/`).reply(202, SEND_ANSWER);
    const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN });
    await expect(client.sendMessage(parseSendRequest({ src: '14155550100', dst: '14155550123', text: 'Hi' }))).resolves.toMatchObject({
      messageUuids: SEND_ANSWER.message_uuid,
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('messages', () => {
  it('gets one message and maps it to camelCase, keeping raw', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/Message/${MESSAGE_RECORD.message_uuid}/`).reply(200, MESSAGE_RECORD);
    const message = await testClient().getMessage(MESSAGE_RECORD.message_uuid);
    expect(message).toEqual({
      messageUuid: MESSAGE_RECORD.message_uuid,
      fromNumber: '14155550100',
      toNumber: '14155550123',
      messageDirection: 'outbound',
      messageState: 'delivered',
      messageType: 'sms',
      messageTime: '2017-05-22 21:36:14+05:30',
      messageSentTime: null,
      messageUpdatedTime: null,
      units: 1,
      totalAmount: '0.00250',
      totalRate: '0.00250',
      errorCode: '000',
      errorMessage: null,
      powerpackId: null,
      destinationCountryIso2: 'US',
      replacedSender: '',
      isDomestic: true,
      resourceUri: MESSAGE_RECORD.resource_uri,
      raw: MESSAGE_RECORD,
    } satisfies Message);
    expect(scope.isDone()).toBe(true);
  });

  it('reads numeric error codes and string units leniently', async () => {
    const record = { ...MESSAGE_RECORD, error_code: 30, units: '2', message_state: 'undelivered' };
    plivoApi().get(`${ACCOUNT}/Message/${MESSAGE_RECORD.message_uuid}/`).reply(200, record);
    const message = await testClient().getMessage(MESSAGE_RECORD.message_uuid);
    expect(message).toMatchObject({ errorCode: '30', units: 2, messageState: 'undelivered' });
  });

  it('translates list filters to Plivo query parameters in UTC', async () => {
    const path = `${ACCOUNT}/Message/`;
    const scope = plivoApi()
      .get(path)
      .query({
        message_direction: 'outbound',
        message_state: 'failed',
        message_type: 'sms',
        from_number: '14155550100',
        to_number: '447700900123',
        error_code: '30',
        powerpack_id: 'pp-1',
        message_time__gte: '2024-05-01 07:30:00',
        message_time__lt: '2024-05-02 00:00:00',
        message_time__gt: '2024-05-01 10:00',
        message_time__lte: '2024-05-01 23:59:59.500000',
        limit: '5',
        offset: '10',
      })
      .reply(200, listAnswer([messageRecord(1)], { limit: 5, offset: 10, total: 11, path }));
    const page = await testClient().listMessagesPage({
      direction: 'outbound',
      state: 'failed',
      type: 'sms',
      fromNumber: '+1 415 555 0100',
      toNumber: '+44 7700 900123',
      errorCode: 30,
      powerpackId: 'pp-1',
      messageTimeGte: '2024-05-01T09:30:00+02:00',
      messageTimeLt: '2024-05-02',
      messageTimeGt: '2024-05-01 10:00',
      messageTimeLte: new Date(Date.UTC(2024, 4, 1, 23, 59, 59, 500)),
      limit: 5,
      offset: 10,
    });
    expect(page.meta).toEqual({ limit: 5, offset: 10, next: null, previous: `${path}?limit=5&offset=5`, totalCount: 11 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.messageUuid).toBe('00000000-0000-4000-8000-000000000001');
    expect(page.apiId).toBe('a1b2c3d4-e5f6-7890-abcd-ef1234567890');
    expect((page.raw as { objects: unknown[] }).objects).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('iterates across pages until next is null, following offsets', async () => {
    const path = `${ACCOUNT}/Message/`;
    const scope = plivoApi()
      .get(path)
      .query({ limit: '2', offset: '0' })
      .reply(200, listAnswer([messageRecord(1), messageRecord(2)], { limit: 2, offset: 0, total: 5, path }))
      .get(path)
      .query({ limit: '2', offset: '2' })
      .reply(200, listAnswer([messageRecord(3), messageRecord(4)], { limit: 2, offset: 2, total: 5, path }))
      .get(path)
      .query({ limit: '2', offset: '4' })
      .reply(200, listAnswer([messageRecord(5)], { limit: 2, offset: 4, total: 5, path }));
    const uuids: string[] = [];
    for await (const message of testClient().listMessages({ limit: 2 })) uuids.push(message.messageUuid);
    expect(uuids.map((uuid) => uuid.slice(-1))).toEqual(['1', '2', '3', '4', '5']);
    expect(scope.isDone()).toBe(true);
  });

  it('stops at maxItems without fetching further pages', async () => {
    const path = `${ACCOUNT}/Message/`;
    const scope = plivoApi()
      .get(path)
      .query({ limit: '2', offset: '0' })
      .reply(200, listAnswer([messageRecord(1), messageRecord(2)], { limit: 2, offset: 0, total: 50, path }))
      .get(path)
      .query({ limit: '2', offset: '2' })
      .reply(200, listAnswer([messageRecord(3), messageRecord(4)], { limit: 2, offset: 2, total: 50, path }));
    const seen: Message[] = [];
    for await (const message of testClient().listMessages({ limit: 2, maxItems: 3 })) seen.push(message);
    expect(seen).toHaveLength(3);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('sends limit 20 and offset 0 by default', async () => {
    const path = `${ACCOUNT}/Message/`;
    const scope = plivoApi().get(path).query({ limit: '20', offset: '0' }).reply(200, listAnswer([], { limit: 20, offset: 0, total: 0, path }));
    const items: Message[] = [];
    for await (const message of testClient().listMessages()) items.push(message);
    expect(items).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('lookupNumber', () => {
  it('calls the lookup host without a trailing slash and maps the carrier', async () => {
    const scope = nock(LOOKUP)
      .matchHeader('authorization', BASIC)
      .get('/v1/Number/+14154305555')
      .query({ type: 'carrier' })
      .reply(200, LOOKUP_ANSWER);
    const lookup = await testClient().lookupNumber('+1 (415) 430-5555');
    expect(lookup).toEqual({
      apiId: LOOKUP_ANSWER.api_id,
      phoneNumber: '+14154305555',
      country: { name: 'United States', iso2: 'US', iso3: 'USA' },
      format: LOOKUP_ANSWER.format,
      carrier: { mobileCountryCode: '310', mobileNetworkCode: '160', name: 'T-Mobile USA, Inc.', type: 'mobile', ported: 'no' },
      resourceUri: LOOKUP_ANSWER.resource_uri,
      raw: LOOKUP_ANSWER,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('uses a custom baseUrl for lookups too when no lookupBaseUrl is given (the sandbox serves both)', async () => {
    const scope = nock('http://localhost:4010')
      .get(`${ACCOUNT}/`)
      .reply(200, ACCOUNT_ANSWER)
      .get('/v1/Number/+14154305555')
      .query({ type: 'carrier' })
      .reply(200, LOOKUP_ANSWER);
    const client = testClient({ baseUrl: 'http://localhost:4010/' });
    await client.getAccount();
    await client.lookupNumber('+14154305555');
    expect(scope.isDone()).toBe(true);
  });

  it('uses lookupBaseUrl when given', async () => {
    const scope = nock('http://127.0.0.1:9').get('/v1/Number/+14154305555').query(true).reply(200, LOOKUP_ANSWER);
    await testClient({ baseUrl: 'http://localhost:4010', lookupBaseUrl: 'http://127.0.0.1:9' }).lookupNumber('+14154305555');
    expect(scope.isDone()).toBe(true);
  });
});

describe('account and numbers', () => {
  it('gets the account (credential test) with a trailing slash', async () => {
    const scope = plivoApi().get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    const account = await testClient().getAccount();
    expect(account).toEqual({
      apiId: ACCOUNT_ANSWER.api_id,
      authId: AUTH_ID,
      name: 'Textbridge Test',
      accountType: 'standard',
      cashCredits: '23.60210',
      billingMode: 'prepaid',
      autoRecharge: false,
      timezone: 'America/Los_Angeles',
      resourceUri: ACCOUNT_ANSWER.resource_uri,
      raw: ACCOUNT_ANSWER,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('lists numbers with filters and exposes appId from the application path', async () => {
    const path = `${ACCOUNT}/Number/`;
    const scope = plivoApi()
      .get(path)
      .query({ type: 'local', number_startswith: '1415', services: 'sms', alias: 'Support line', limit: '20', offset: '0' })
      .reply(200, listAnswer([NUMBER_RECORD, { ...NUMBER_RECORD, number: '14155550101', application: null }], { limit: 20, offset: 0, total: 2, path }));
    const page = await testClient().listNumbersPage({ type: 'local', numberStartswith: '+1415', services: 'sms', alias: 'Support line' });
    expect(page.items[0]).toMatchObject({
      number: '14155550100',
      alias: 'Support line',
      application: NUMBER_RECORD.application,
      appId: '29986316226590032',
      smsEnabled: true,
      mmsEnabled: true,
      voiceEnabled: true,
      numberType: 'local',
      raw: NUMBER_RECORD,
    });
    expect(page.items[1]).toMatchObject({ number: '14155550101', application: null, appId: null });
    expect(scope.isDone()).toBe(true);
  });

  it('iterates numbers', async () => {
    const path = `${ACCOUNT}/Number/`;
    plivoApi()
      .get(path)
      .query({ services: 'sms', limit: '1', offset: '0' })
      .reply(200, listAnswer([NUMBER_RECORD], { limit: 1, offset: 0, total: 2, path }))
      .get(path)
      .query({ services: 'sms', limit: '1', offset: '1' })
      .reply(200, listAnswer([{ ...NUMBER_RECORD, number: '14155550101' }], { limit: 1, offset: 1, total: 2, path }));
    const numbers: string[] = [];
    for await (const number of testClient().listNumbers({ services: 'sms', limit: 1 })) numbers.push(number.number);
    expect(numbers).toEqual(['14155550100', '14155550101']);
  });

  it('gets and updates a number addressed in Plivo format', async () => {
    const scope = plivoApi()
      .get(`${ACCOUNT}/Number/14155550100/`)
      .reply(200, NUMBER_RECORD)
      .post(`${ACCOUNT}/Number/14155550100/`, { app_id: '29986316226590032', alias: 'Inbound' })
      .matchHeader('content-type', 'application/json')
      .reply(202, { message: 'changed', api_id: '5a9fcb68-582d-11e1-86da-6ff39efcb949' });
    const client = testClient();
    expect((await client.getNumber('+1 415 555 0100')).appId).toBe('29986316226590032');
    const changed = await client.updateNumber('14155550100', { appId: '29986316226590032', alias: 'Inbound' });
    expect(changed).toEqual({
      apiId: '5a9fcb68-582d-11e1-86da-6ff39efcb949',
      message: 'changed',
      raw: { message: 'changed', api_id: '5a9fcb68-582d-11e1-86da-6ff39efcb949' },
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('applications', () => {
  const APP = `${ACCOUNT}/Application/`;

  it('creates an application', async () => {
    const answer = { message: 'created', app_id: '29986316226590032', api_id: 'cb0b2f50-b9a1-11e1-8ea7-1231380bc196' };
    const scope = plivoApi()
      .post(APP, {
        app_name: 'textbridge-inbound',
        message_url: 'https://hooks.example.com/plivo/inbound',
        message_method: 'POST',
        log_incoming_messages: true,
      })
      .reply(201, answer);
    const created = await testClient().createApplication({
      appName: 'textbridge-inbound',
      messageUrl: 'https://hooks.example.com/plivo/inbound',
      messageMethod: 'POST',
      logIncomingMessages: true,
    });
    expect(created).toEqual({ apiId: answer.api_id, appId: answer.app_id, message: 'created', raw: answer });
    expect(scope.isDone()).toBe(true);
  });

  it('gets, lists, updates and deletes applications', async () => {
    const id = APPLICATION_RECORD.app_id;
    const scope = plivoApi()
      .get(`${APP}${id}/`)
      .reply(200, APPLICATION_RECORD)
      .get(APP)
      .query({ app_name: 'textbridge-inbound', limit: '20', offset: '0' })
      .reply(200, listAnswer([APPLICATION_RECORD], { limit: 20, offset: 0, total: 1, path: APP }))
      .post(`${APP}${id}/`, { message_url: 'https://hooks.example.com/v2' })
      .reply(202, { message: 'changed', api_id: 'x-1' })
      .delete(`${APP}${id}/`)
      .reply(204);
    const client = testClient();
    expect(await client.getApplication(id)).toMatchObject({
      appId: id,
      appName: 'textbridge-inbound',
      messageUrl: 'https://hooks.example.com/plivo/inbound',
      messageMethod: 'POST',
      logIncomingMessages: true,
      defaultApp: false,
      raw: APPLICATION_RECORD,
    });
    const names: (string | null)[] = [];
    for await (const app of client.listApplications({ appName: 'textbridge-inbound' })) names.push(app.appName);
    expect(names).toEqual(['textbridge-inbound']);
    expect(await client.updateApplication(id, { messageUrl: 'https://hooks.example.com/v2' })).toMatchObject({ message: 'changed' });
    await expect(client.deleteApplication(id)).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('returns one page of applications with meta', async () => {
    plivoApi()
      .get(APP)
      .query({ limit: '1', offset: '1' })
      .reply(200, listAnswer([APPLICATION_RECORD], { limit: 1, offset: 1, total: 3, path: APP }));
    const page = await testClient().listApplicationsPage({ limit: 1, offset: 1 });
    expect(page.meta).toMatchObject({ limit: 1, offset: 1, totalCount: 3, next: `${APP}?limit=1&offset=2` });
  });
});

describe('a host transport', () => {
  it('receives the full request and its answer is mapped like any other', async () => {
    const seen: unknown[] = [];
    const client = createPlivoClient({
      authId: AUTH_ID,
      authToken: AUTH_TOKEN,
      userAgent: 'n8n-nodes-textbridge/1.0',
      timeoutMs: 12_000,
      transport: async (request) => {
        seen.push(request);
        return { status: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(SEND_ANSWER) };
      },
    });
    await client.sendMessage(parseSendRequest({ src: '14155550100', dst: '14155550123', text: 'Hi' }));
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `${API}${ACCOUNT}/Message/`,
        headers: {
          Authorization: BASIC,
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'User-Agent': 'n8n-nodes-textbridge/1.0',
        },
        body: JSON.stringify({ src: '14155550100', dst: '14155550123', text: 'Hi' }),
        timeoutMs: 12_000,
      },
    ]);
  });

  it('can be the undici transport created explicitly, and closed', async () => {
    const transport = createUndiciTransport({ connections: 2, keepAliveTimeoutMs: 1000 });
    plivoApi().get(`${ACCOUNT}/`).reply(200, ACCOUNT_ANSWER);
    const client = testClient({ transport });
    await expect(client.getAccount()).resolves.toMatchObject({ authId: AUTH_ID });
    await transport.close();
  });
});
