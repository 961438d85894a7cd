// The sandbox's Plivo-compatible REST surface, over plain HTTP: shapes, status codes and error bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULT_AUTH_ID, startSandbox, type Sandbox } from '../../src/index.js';
import { account, call, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
const SRC = '+14155552671';

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false, blockedCountries: ['KP'] });
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

describe('startSandbox', () => {
  it('starts in well under a second with demo credentials and numbers', async () => {
    const started = performance.now();
    const fresh = await startSandbox();
    const elapsed = performance.now() - started;
    try {
      expect(elapsed).toBeLessThan(1000);
      expect(fresh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fresh.authId).toBe(SANDBOX_DEFAULT_AUTH_ID);
      expect(fresh.authId).toMatch(/^MA[A-Z0-9]{18}$/);
      expect(fresh.numbers.length).toBeGreaterThanOrEqual(3);
      expect(fresh.accountUrl).toBe(`${fresh.url}/v1/Account/${fresh.authId}`);
    } finally {
      await fresh.stop();
    }
  });

  it('rejects bad options with a TextbridgeError naming the option', async () => {
    await expect(startSandbox({ authId: 'XX123' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'authId' });
    await expect(startSandbox({ numbers: ['12'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'numbers[0]' });
  });

  it('reports a port in use as SANDBOX_START_FAILED', async () => {
    const port = Number(new URL(sandbox.url).port);
    await expect(startSandbox({ port })).rejects.toMatchObject({ code: 'SANDBOX_START_FAILED' });
  });
});

describe('authentication', () => {
  it('answers 401 without credentials, in Plivo shape without api_id', async () => {
    const answer = await call(sandbox, 'GET', account(sandbox), { auth: false });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'authentication credentials were not provided' });
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('answers 401 for a wrong token, and for another account id in the path', async () => {
    const wrongToken = await call(sandbox, 'GET', account(sandbox), { auth: { user: sandbox.authId, password: 'nope-nope' } });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.body).toMatchObject({ api_id: expect.any(String), error: expect.any(String) });
    const otherAccount = await call(sandbox, 'GET', '/v1/Account/MAOTHERACCOUNT0000001/Message/');
    expect(otherAccount.status).toBe(401);
    expect(JSON.stringify(otherAccount.body)).not.toContain(sandbox.authToken);
    expect(sandbox.state.requestCounts.unauthorized).toBe(2);
  });

  it('checks credentials before telling whether a route exists', async () => {
    expect((await call(sandbox, 'GET', account(sandbox, 'Nowhere/'), { auth: false })).status).toBe(401);
  });
});

describe('account, unknown routes and methods', () => {
  it('returns the account', async () => {
    const answer = await call(sandbox, 'GET', account(sandbox));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ auth_id: sandbox.authId, resource_uri: account(sandbox), api_id: expect.any(String) });
  });

  it('answers 404 for unknown routes and 405 (with Allow) for wrong methods, in Plivo error shape', async () => {
    const unknown = await call(sandbox, 'GET', account(sandbox, 'Call/'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ api_id: expect.any(String), error: 'not found' });
    const outside = await call(sandbox, 'GET', '/v2/whatever');
    expect(outside.status).toBe(404);
    const wrongMethod = await call(sandbox, 'DELETE', account(sandbox, 'Message/'));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ api_id: expect.any(String), error: 'method not allowed' });
    expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${sandbox.url}${account(sandbox, 'Message/')}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${sandbox.authId}:${sandbox.authToken}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: '{"src":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid json data in the request body' });
  });
});

describe('send — POST …/Message/', () => {
  it('queues one message (JSON body) and records it once with encoding and units', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { src: SRC, dst: '+14155550100', text: 'Hello from the sandbox' },
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ api_id: expect.any(String), message: 'message(s) queued', message_uuid: [expect.any(String)] });
    expect(answer.body).not.toHaveProperty('invalid_number');
    expect(sandbox.state.messages).toHaveLength(1);
    expect(sandbox.state.messages[0]).toMatchObject({
      uuid: answer.body.message_uuid[0],
      src: '14155552671',
      dst: '14155550100',
      text: 'Hello from the sandbox',
      type: 'sms',
      direction: 'outbound',
      encoding: 'GSM-7',
      segmentCount: 1,
      units: 1,
      origin: 'api',
    });
  });

  it('accepts form bodies, as n8n sends them, and counts UCS-2 segments', async () => {
    const text = 'Ünïcödé ✓ '.repeat(10); // 100 UCS-2 characters: 2 parts of 67
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { form: { src: '14155552671', dst: '14155550101', text } });
    expect(answer.status).toBe(202);
    expect(sandbox.state.messages[0]).toMatchObject({ encoding: 'UCS-2', segmentCount: 2, units: 2, text });
  });

  it('splits a bulk dst on "<", removes duplicates, keeps order, and lists invalid numbers as given', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { src: SRC, dst: '+1 (415) 555-0102<14155550103<1111111<+14155550102<abc<14155550103', text: 'bulk' },
    });
    expect(answer.status).toBe(202);
    expect(answer.body.message_uuid).toHaveLength(2);
    expect(answer.body.invalid_number).toEqual(['1111111', 'abc']);
    expect(sandbox.state.messages.map((message) => message.dst)).toEqual(['14155550102', '14155550103']);
    expect(sandbox.state.messages.map((message) => message.uuid)).toEqual(answer.body.message_uuid);
  });

  it('rejects sending to the sender itself as an invalid number', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: `${SRC}<+14155550104`, text: 'x' } });
    expect(answer.status).toBe(202);
    expect(answer.body.invalid_number).toEqual([SRC]);
  });

  it('answers 400 "invalid phone numbers." when every destination is invalid, and records nothing', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '1111111<22', text: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ api_id: expect.any(String), error: 'invalid phone numbers.' });
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it.each([
    ['no sender', { dst: '+14155550100', text: 'x' }, 'src parameter is required (or powerpack_uuid)'],
    ['src and powerpack', { src: SRC, powerpack_uuid: 'pp-1', dst: '+14155550100', text: 'x' }, 'specify either src or powerpack_uuid, not both'],
    ['no dst', { src: SRC, text: 'x' }, 'dst parameter is required'],
    ['no text', { src: SRC, dst: '+14155550100' }, 'text parameter is required'],
    ['1,601 GSM-7 characters', { src: SRC, dst: '+14155550100', text: 'a'.repeat(1601) }, 'text parameter length exceeds 1600 characters'],
    ['738 UCS-2 characters', { src: SRC, dst: '+14155550100', text: 'ж'.repeat(738) }, 'text parameter length exceeds 737 unicode characters'],
    ['message_expiry 4', { src: SRC, dst: '+14155550100', text: 'x', message_expiry: 4 }, 'message_expiry should be between 5 and 10799 seconds'],
    ['message_expiry 10800', { src: SRC, dst: '+14155550100', text: 'x', message_expiry: '10800' }, 'message_expiry should be between 5 and 10799 seconds'],
    ['type fax', { src: SRC, dst: '+14155550100', text: 'x', type: 'fax' }, 'type parameter should be sms or mms'],
    ['mms without media', { src: SRC, dst: '+14155550100', text: 'x', type: 'mms' }, 'media_urls or media_ids is required for mms'],
    ['a callback url that is no url', { src: SRC, dst: '+14155550100', text: 'x', url: 'not a url' }, 'url parameter is not a valid url'],
    ['method PUT', { src: SRC, dst: '+14155550100', text: 'x', method: 'PUT' }, 'method parameter should be GET or POST'],
    ['a 27-character sender', { src: 'This sender is far too long', dst: '+14155550100', text: 'x' }, "'This sender is far too long' is not a valid phone number."],
  ])('answers 400 in Plivo shape for %s', async (_label, json, error) => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ api_id: expect.any(String), error });
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('accepts the longest texts Plivo accepts', async () => {
    const gsm = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'a'.repeat(1600) } });
    expect(gsm.status).toBe(202);
    const ucs = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100', text: 'ж'.repeat(737) } });
    expect(ucs.status).toBe(202);
    expect(sandbox.state.messages.map((message) => [message.encoding, message.segmentCount])).toEqual([
      ['GSM-7', 11],
      ['UCS-2', 11],
    ]);
  });

  it('sends MMS with media_urls (US/CA only) and counts one unit', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { src: SRC, dst: '+14155550105<+447520123000', type: 'mms', media_urls: ['https://example.com/a.png'], text: 'pic' },
    });
    expect(answer.status).toBe(202);
    expect(answer.body.invalid_number).toEqual(['+447520123000']);
    expect(sandbox.state.messages[0]).toMatchObject({ type: 'mms', units: 1, mediaUrls: ['https://example.com/a.png'] });
  });

  it('lets a powerpack pick a sender from the account in the destination country', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), {
      json: { powerpack_uuid: 'd2a4c2d6-0000-4000-8000-000000000001', dst: '+16045550123<+447400123456', text: 'pp' },
    });
    expect(answer.status).toBe(202);
    expect(sandbox.state.messages.map((message) => [message.src, message.powerpackUuid])).toEqual([
      ['16045550199', 'd2a4c2d6-0000-4000-8000-000000000001'],
      ['447520123456', 'd2a4c2d6-0000-4000-8000-000000000001'],
    ]);
  });

  it('answers 403 for a destination country outside the geo permissions, sending nothing', async () => {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst: '+14155550100<+85021234567', text: 'x' } });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatch(/geo permissions/);
    expect(sandbox.state.messages).toHaveLength(0);
  });
});

describe('get and list messages', () => {
  async function send(dst: string, text = 'hi'): Promise<string> {
    const answer = await call(sandbox, 'POST', account(sandbox, 'Message/'), { json: { src: SRC, dst, text } });
    return answer.body.message_uuid[0] as string;
  }

  it('returns one message detail record, and 404 for an unknown UUID', async () => {
    const uuid = await send('+14155550110');
    const answer = await call(sandbox, 'GET', account(sandbox, `Message/${uuid}/`));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      api_id: expect.any(String),
      message_uuid: uuid,
      from_number: '14155552671',
      to_number: '14155550110',
      message_direction: 'outbound',
      message_state: expect.stringMatching(/^(queued|sent|delivered)$/),
      message_type: 'sms',
      units: 1,
      total_rate: '0.00550',
      resource_uri: account(sandbox, `Message/${uuid}/`),
      destination_country_iso2: 'US',
    });
    expect(answer.body.message_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    const missing = await call(sandbox, 'GET', account(sandbox, 'Message/00000000-0000-0000-0000-000000000000/'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ api_id: expect.any(String), error: 'not found' });
  });

  it('lists newest first with limit, offset and meta.next / previous / total_count', async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 25; i++) uuids.push(await send(`+1415555${String(2000 + i)}`));
    const first = await call(sandbox, 'GET', account(sandbox, 'Message/'));
    expect(first.status).toBe(200);
    expect(first.body.meta).toEqual({
      limit: 20,
      offset: 0,
      total_count: 25,
      next: `${account(sandbox, 'Message/')}?limit=20&offset=20`,
      previous: null,
    });
    expect(first.body.objects).toHaveLength(20);
    expect(first.body.objects[0].message_uuid).toBe(uuids[24]);
    const second = await call(sandbox, 'GET', first.body.meta.next);
    expect(second.body.objects.map((record: { message_uuid: string }) => record.message_uuid)).toEqual(uuids.slice(0, 5).reverse());
    expect(second.body.meta).toMatchObject({ next: null, previous: `${account(sandbox, 'Message/')}?limit=20&offset=0` });
  });

  it('rejects a limit above 20', async () => {
    const answer = await call(sandbox, 'GET', account(sandbox, 'Message/?limit=21'));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('limit should be an integer between 1 and 20');
  });

  it('filters by direction, state, type, from/to numbers and keeps filters in meta.next', async () => {
    await send('+14155550120');
    await send('+14155550950'); // fails (rule …0950)
    sandbox.inbound({ from: '+14155550121', text: 'inbound hello' });
    const outbound = await call(sandbox, 'GET', account(sandbox, 'Message/?message_direction=outbound'));
    expect(outbound.body.meta.total_count).toBe(2);
    const inbound = await call(sandbox, 'GET', account(sandbox, 'Message/?message_direction=inbound&limit=1'));
    expect(inbound.body.objects[0]).toMatchObject({ from_number: '14155550121', message_direction: 'inbound' });
    const byTo = await call(sandbox, 'GET', account(sandbox, 'Message/?to_number=%2B14155550120'));
    expect(byTo.body.objects.map((record: { to_number: string }) => record.to_number)).toEqual(['14155550120']);
    const byFrom = await call(sandbox, 'GET', account(sandbox, 'Message/?from_number=14155550121'));
    expect(byFrom.body.meta.total_count).toBe(1);
    const mms = await call(sandbox, 'GET', account(sandbox, 'Message/?message_type=mms'));
    expect(mms.body.meta.total_count).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const failed = await call(sandbox, 'GET', account(sandbox, 'Message/?message_state=failed&limit=1'));
    expect(failed.body.objects).toHaveLength(1);
    expect(failed.body.objects[0]).toMatchObject({ to_number: '14155550950', error_code: '50', message_state: 'failed' });
    const bad = await call(sandbox, 'GET', account(sandbox, 'Message/?message_direction=sideways'));
    expect(bad.status).toBe(400);
  });

  it('filters on message_time__gt/gte/lt/lte in UTC', async () => {
    await send('+14155550130');
    const at = sandbox.state.messages[0]!.createdAt;
    const plivoTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    const count = async (query: string): Promise<number> =>
      (await call(sandbox, 'GET', account(sandbox, `Message/?${query}`))).body.meta.total_count;
    expect(await count(`message_time__gte=${encodeURIComponent(plivoTime(at))}`)).toBe(1);
    expect(await count(`message_time__gt=${encodeURIComponent(plivoTime(at))}`)).toBe(0);
    expect(await count(`message_time__lte=${encodeURIComponent(plivoTime(at))}`)).toBe(1);
    expect(await count(`message_time__lt=${encodeURIComponent(plivoTime(at))}`)).toBe(0);
    expect(await count(`message_time__gt=${encodeURIComponent(plivoTime(at - 60_000).slice(0, 16))}`)).toBe(1);
    const bad = await call(sandbox, 'GET', account(sandbox, 'Message/?message_time__gt=yesterday'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/message_time__gt/);
  });
});

describe('numbers — …/Number/', () => {
  it('lists the account numbers with Plivo fields and filters', async () => {
    const all = await call(sandbox, 'GET', account(sandbox, 'Number/'));
    expect(all.status).toBe(200);
    expect(all.body.meta).toMatchObject({ total_count: sandbox.numbers.length, limit: 20, offset: 0, next: null });
    expect(all.body.objects[0]).toMatchObject({
      number: '14155552671',
      alias: null,
      application: null,
      sms_enabled: true,
      mms_enabled: true,
      voice_enabled: true,
      number_type: 'local',
      resource_uri: account(sandbox, 'Number/14155552671/'),
    });
    const tollfree = await call(sandbox, 'GET', account(sandbox, 'Number/?type=tollfree'));
    expect(tollfree.body.objects.map((n: { number: string }) => n.number)).toEqual(['18885550199']);
    const startsWith = await call(sandbox, 'GET', account(sandbox, 'Number/?number_startswith=44'));
    expect(startsWith.body.objects.map((n: { number: string }) => n.number)).toEqual(['447520123456']);
    const mms = await call(sandbox, 'GET', account(sandbox, 'Number/?services=sms,mms'));
    expect(mms.body.meta.total_count).toBe(3);
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/?type=satellite'))).status).toBe(400);
  });

  it('gets one number (with or without +), and 404 for a number the account does not own', async () => {
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/14155552671/'))).body).toMatchObject({ number: '14155552671' });
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/%2B14155552671/'))).status).toBe(200);
    const missing = await call(sandbox, 'GET', account(sandbox, 'Number/14155550000/'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ api_id: expect.any(String), error: 'not found' });
  });

  it('attaches an application (as a path), sets an alias, detaches, and rejects unknown apps', async () => {
    const created = await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'numbers-test' } });
    const appId = created.body.app_id as string;
    const update = await call(sandbox, 'POST', account(sandbox, 'Number/16045550199/'), { json: { app_id: appId, alias: 'Vancouver' } });
    expect(update.status).toBe(202);
    expect(update.body).toEqual({ api_id: expect.any(String), message: 'changed' });
    const after = await call(sandbox, 'GET', account(sandbox, 'Number/16045550199/'));
    expect(after.body).toMatchObject({ alias: 'Vancouver', application: account(sandbox, `Application/${appId}/`) });
    const byAlias = await call(sandbox, 'GET', account(sandbox, 'Number/?alias=Vancouver'));
    expect(byAlias.body.meta.total_count).toBe(1);
    await call(sandbox, 'POST', account(sandbox, 'Number/16045550199/'), { form: { app_id: '' } });
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/16045550199/'))).body.application).toBeNull();
    const unknown = await call(sandbox, 'POST', account(sandbox, 'Number/16045550199/'), { json: { app_id: '123' } });
    expect(unknown.status).toBe(404);
  });
});

describe('applications — …/Application/', () => {
  it('creates (201), gets, lists, updates (202) and deletes (204) an application', async () => {
    const created = await call(sandbox, 'POST', account(sandbox, 'Application/'), {
      json: { app_name: 'textbridge-trigger_1', message_url: 'https://example.com/in', message_method: 'get' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ api_id: expect.any(String), message: 'created', app_id: expect.stringMatching(/^\d{17}$/) });
    const appId = created.body.app_id as string;
    const got = await call(sandbox, 'GET', account(sandbox, `Application/${appId}/`));
    expect(got.body).toMatchObject({
      app_id: appId,
      app_name: 'textbridge-trigger_1',
      message_url: 'https://example.com/in',
      message_method: 'GET',
      resource_uri: account(sandbox, `Application/${appId}/`),
    });
    const updated = await call(sandbox, 'POST', account(sandbox, `Application/${appId}/`), { form: { message_url: 'https://example.com/v2' } });
    expect(updated.status).toBe(202);
    expect(updated.body).toEqual({ api_id: expect.any(String), message: 'changed' });
    const listed = await call(sandbox, 'GET', account(sandbox, 'Application/?app_name=textbridge-trigger_1'));
    expect(listed.body.objects).toHaveLength(1);
    expect(listed.body.objects[0]).toMatchObject({ app_id: appId, message_url: 'https://example.com/v2' });
    await call(sandbox, 'POST', account(sandbox, 'Number/14155552671/'), { json: { app_id: appId } });
    const deleted = await call(sandbox, 'DELETE', account(sandbox, `Application/${appId}/`));
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call(sandbox, 'GET', account(sandbox, `Application/${appId}/`))).status).toBe(404);
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/14155552671/'))).body.application).toBeNull();
  });

  it('validates app_name, urls and methods without changing anything', async () => {
    expect((await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: {} })).body.error).toBe('app_name parameter is required');
    expect((await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'has space' } })).status).toBe(400);
    expect((await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'ok', message_url: 'ftp://x' } })).status).toBe(400);
    const created = await call(sandbox, 'POST', account(sandbox, 'Application/'), { json: { app_name: 'stable', message_url: 'https://a.example/' } });
    const appId = created.body.app_id as string;
    const bad = await call(sandbox, 'POST', account(sandbox, `Application/${appId}/`), {
      json: { message_url: 'https://b.example/', message_method: 'PATCH' },
    });
    expect(bad.status).toBe(400);
    expect((await call(sandbox, 'GET', account(sandbox, `Application/${appId}/`))).body.message_url).toBe('https://a.example/');
  });
});

describe('lookup — GET /v1/Number/{number}?type=carrier', () => {
  it('returns the carrier in Lookup shape, deterministically', async () => {
    const answer = await call(sandbox, 'GET', '/v1/Number/+14154305555?type=carrier');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      api_id: expect.any(String),
      phone_number: '+14154305555',
      country: { name: 'United States', iso2: 'US', iso3: 'USA' },
      format: { e164: '+14154305555', national: '(415) 430-5555', international: '+1 415 430 5555', rfc3966: 'tel:+14154305555' },
      carrier: {
        mobile_country_code: expect.stringMatching(/^\d{3}$/),
        mobile_network_code: expect.stringMatching(/^\d{2,3}$/),
        name: expect.any(String),
        type: 'mobile',
        ported: expect.stringMatching(/^(yes|no)$/),
      },
      resource_uri: '/v1/Number/+14154305555?type=carrier',
    });
    const again = await call(sandbox, 'GET', '/v1/Number/14154305555?type=carrier');
    expect(again.body.carrier).toEqual(answer.body.carrier);
  });

  it('picks networks by prefix where the data lists one, and reports toll-free numbers', async () => {
    const uk = await call(sandbox, 'GET', '/v1/Number/%2B447520123456?type=carrier');
    expect(uk.body.country).toEqual({ name: 'United Kingdom', iso2: 'GB', iso3: 'GBR' });
    expect(uk.body.carrier).toMatchObject({ name: 'EE', mobile_country_code: '234', mobile_network_code: '30' });
    const tollfree = await call(sandbox, 'GET', '/v1/Number/+18885550199?type=carrier');
    expect(tollfree.body.carrier.type).toBe('toll-free');
  });

  it('answers invalid numbers with 404 in Lookup’s own error shape, and needs type=carrier', async () => {
    const invalid = await call(sandbox, 'GET', '/v1/Number/+1111?type=carrier');
    expect(invalid.status).toBe(404);
    expect(invalid.body).toEqual({ api_id: expect.any(String), error_code: 404, message: 'Phone number is invalid or does not exist.' });
    const noType = await call(sandbox, 'GET', '/v1/Number/+14154305555');
    expect(noType.status).toBe(400);
    expect(noType.body).toMatchObject({ error_code: 400 });
    const unauthenticated = await call(sandbox, 'GET', '/v1/Number/+14154305555?type=carrier', { auth: false });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body).toMatchObject({ error_code: 401 });
  });
});
