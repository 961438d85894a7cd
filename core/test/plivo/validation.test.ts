// Input checks before anything is sent: client options, the one parse of a send (parseSendRequest), list filters and
// IDs. Each failure is a TextbridgeError with a stable code, the field, and a message that says what was wrong.
import { describe, expect, it } from 'vitest';
import {
  TextbridgeError,
  createPlivoClient,
  labelSendFields,
  parseSendRequest,
  type SendMessageInput,
  type Transport,
} from '../../src/index.js';
import { AUTH_ID, AUTH_TOKEN, leakedSecrets } from './fixtures.js';

/** Counts calls so each test can prove nothing went out. */
function countingClient() {
  const transport: Transport & { calls: number } = Object.assign(
    async () => {
      transport.calls += 1;
      return { status: 500, headers: {}, body: '' };
    },
    { calls: 0 },
  );
  const client = createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, transport, retry: { maxRetries: 0 } });
  return { client, transport };
}

function thrown(action: () => unknown): TextbridgeError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    return error as TextbridgeError;
  }
  throw new Error('expected a TextbridgeError');
}

async function rejected(promise: Promise<unknown>): Promise<TextbridgeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    return error as TextbridgeError;
  }
  throw new Error('expected a rejection');
}

describe('client options', () => {
  it.each([
    [{ authId: '', authToken: AUTH_TOKEN }, 'authId', /authId must not be empty/],
    [{ authId: '   ', authToken: AUTH_TOKEN }, 'authId', /authId must not be empty/],
    [{ authId: AUTH_ID }, 'authToken', /authToken must be your Plivo Auth Token/],
    [{ authId: AUTH_ID, authToken: 42 }, 'authToken', /authToken must be your Plivo Auth Token/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: 'api.plivo.com' }, 'baseUrl', /baseUrl is not a URL/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: 'ftp://api.plivo.com' }, 'baseUrl', /http or https/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: 'https://api.plivo.com/v1/' }, 'baseUrl', /origin only/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, lookupBaseUrl: 'https://x.example?y=1' }, 'lookupBaseUrl', /origin only/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: 0 }, 'timeoutMs', /timeoutMs must be more than 0/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, transport: 'fetch' }, 'transport', /transport must be a function/],
    [{ authId: AUTH_ID, authToken: AUTH_TOKEN, retry: { maxRetries: -1 } }, 'retry.maxRetries', /maxRetries/],
  ])('%j -> INVALID_INPUT on %s', (options, field, message) => {
    const error = thrown(() => createPlivoClient(options as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(leakedSecrets(error)).toEqual([]);
  });

  it('rejects a missing options object', () => {
    expect(thrown(() => createPlivoClient(undefined as never)).message).toMatch(/must be an object with authId and authToken/);
  });

  it('accepts origins with a trailing slash, and plain http for a local sandbox', () => {
    expect(() =>
      createPlivoClient({ authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: 'http://127.0.0.1:4010/', lookupBaseUrl: 'https://lookup.plivo.com/' }),
    ).not.toThrow();
  });
});

describe('parseSendRequest', () => {
  const base: SendMessageInput = { src: '+14155550100', dst: '+14155550123', text: 'Hello' };
  const cases: [string, Record<string, unknown>, string, string | undefined, RegExp][] = [
    ['src and powerpack', { powerpackUuid: 'pp-1' }, 'INVALID_SENDER', 'powerpackUuid', /has both src and powerpackUuid: give only one/],
    ['neither src nor powerpack', { src: undefined }, 'INVALID_SENDER', 'src', /src is missing: give a sender or a powerpackUuid/],
    ['a blank powerpack', { src: undefined, powerpackUuid: '  ' }, 'INVALID_SENDER', 'powerpackUuid', /powerpackUuid must be a Powerpack UUID/],
    ['an unknown field', { mediaUrl: 'https://m.example.com/a.png' }, 'INVALID_INPUT', 'mediaUrl', /unknown field\(s\) mediaUrl/],
    ['an invalid sender', { src: 'Hello World Ltd' }, 'INVALID_SENDER', 'src', /src/],
    ['no dst', { dst: undefined }, 'INVALID_PHONE_NUMBER', 'dst', /dst is required/],
    ['an empty dst list', { dst: [] }, 'INVALID_PHONE_NUMBER', 'dst', /dst must list at least one number/],
    ['a bad number in a list', { dst: ['+14155550123', '12'] }, 'INVALID_PHONE_NUMBER', 'dst[1]', /dst\[1\]/],
    ['a bad number in a joined list', { dst: '+14155550123<abc' }, 'INVALID_PHONE_NUMBER', 'dst[1]', /dst\[1\]/],
    ['a boolean as dst', { dst: true }, 'INVALID_PHONE_NUMBER', 'dst', /dst must be a phone number or a list of them/],
    ['no text for an SMS', { text: undefined }, 'INVALID_TEXT', 'text', /text is missing: an SMS needs text/],
    ['blank text for an SMS', { text: '   ' }, 'INVALID_TEXT', 'text', /text is empty/],
    ['non-text text', { text: 42 }, 'INVALID_TEXT', 'text', /text must be text/],
    ['an unknown type', { type: 'whatsapp' }, 'INVALID_INPUT', 'type', /type must be "sms" or "mms"/],
    ['media on an SMS', { type: 'sms', mediaUrls: ['https://m.example.com/a.png'] }, 'INVALID_INPUT', 'mediaUrls', /only be sent in an MMS/],
    ['a non-http media URL', { mediaUrls: ['ftp://m.example.com/a.png'] }, 'INVALID_INPUT', 'mediaUrls[0]', /mediaUrls\[0\] must be a valid http\(s\) URL/],
    ['too many media URLs', { mediaUrls: Array.from({ length: 11 }, (_, i) => `https://m.example.com/${i}.png`) }, 'INVALID_INPUT', 'mediaUrls', /at most 10/],
    ['an MMS with nothing in it', { type: 'mms', text: undefined }, 'INVALID_INPUT', 'mediaUrls', /needs text or at least one media URL/],
    ['an invalid callback URL', { url: 'not a url' }, 'INVALID_INPUT', 'url', /url must be a valid http\(s\) URL/],
    ['an invalid callback method', { method: 'PUT' }, 'INVALID_INPUT', 'method', /method must be "GET" or "POST"/],
    ['a non-boolean log', { log: 'false' }, 'INVALID_INPUT', 'log', /log must be true or false/],
    ['an expiry below 5 s', { messageExpiry: 4 }, 'INVALID_INPUT', 'messageExpiry', /at least 5 seconds/],
    ['an expiry of 3 h', { messageExpiry: 10_800 }, 'INVALID_INPUT', 'messageExpiry', /at most 10799 seconds/],
    ['a fractional expiry', { messageExpiry: 60.5 }, 'INVALID_INPUT', 'messageExpiry', /whole number of seconds/],
  ];
  it.each(cases)('%s', (_label, change, code, field, message) => {
    const error = thrown(() => parseSendRequest({ ...base, ...change }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it.each(cases)('%s, named with the host\'s labels', (_label, change, code, field) => {
    const labels = labelSendFields({ src: 'from', dst: 'to', text: 'message', mediaUrls: 'media_urls', messageExpiry: 'options.messageExpiry' }, 'item 4');
    const error = thrown(() => parseSendRequest({ ...base, ...change }, { labels }));
    expect(error.code).toBe(code);
    // Born with the host's words: core's own names never show up where the host has a label.
    expect(error.field).toBe(field === undefined ? undefined : labels(field));
    for (const [core, host] of [['dst', 'to'], ['mediaUrls', 'media_urls'], ['messageExpiry', 'options.messageExpiry']]) {
      if (field?.startsWith(core!)) expect(error.message).toContain(host);
    }
    expect(error.message).not.toMatch(/\bsrc\b|\bdst\b|mediaUrls|(?<!options\.)messageExpiry/);
  });

  it('reads numbers written as numbers and local numbers with the default country, and a smart-encoded text', () => {
    const request = parseSendRequest(
      { src: 14155550100, dst: ['(415) 555-0123', '+14155550123', 4155550124], text: 'It\u2019s here \u2014 see you' },
      { defaultCountry: 'us', smartEncoding: true },
    );
    expect(request).toMatchObject({ src: '+14155550100', srcKind: 'number', dst: ['+14155550123', '+14155550124'] });
    expect(request).toMatchObject({ text: "It's here - see you", encoding: 'GSM-7', segmentCount: 1, smartEncodingApplied: true });
  });

  it('names a wrong default country with the host\'s label', () => {
    const error = thrown(() => parseSendRequest({ ...base, dst: '415 555 0123' }, { defaultCountry: 'USA', labels: labelSendFields({ defaultCountry: 'options.defaultCountry', dst: 'to' }) }));
    expect(error).toMatchObject({ code: 'INVALID_PHONE_NUMBER', field: 'options.defaultCountry' });
    expect(error.message).toMatch(/options\.defaultCountry "USA" \(used to read to\)/);
  });

  it('parses any number of recipients, but the client sends at most 1,000 different destinations in one request', async () => {
    const { client, transport } = countingClient();
    const dst = Array.from({ length: 1001 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
    const request = parseSendRequest({ ...base, dst });
    expect(request.dst).toHaveLength(1001);
    const error = await rejected(client.sendMessage(request));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'dst' });
    expect(error.message).toMatch(/1001 different numbers.*at most 1000/);
    expect(error.hint).toMatch(/sendBulk/);
    expect(transport.calls).toBe(0);
  });

  it('counts 1,000 copies of one number as one destination', async () => {
    const { client, transport } = countingClient();
    await rejected(client.sendMessage(parseSendRequest({ ...base, dst: Array.from({ length: 1500 }, () => '+14155550123') })));
    expect(transport.calls).toBe(1);
  });

  it('the client sends only parsed requests: anything else is refused before a request goes out', async () => {
    const { client, transport } = countingClient();
    for (const raw of [base, { ...parseSendRequest(base) }, undefined, 'hello']) {
      const error = await rejected(client.sendMessage(raw as never));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'request' });
      expect(error.hint).toMatch(/parseSendRequest/);
    }
    expect(transport.calls).toBe(0);
  });
});

describe('list filters and IDs', () => {
  it.each([
    [{ limit: 21 }, 'limit', /between 1 and 20/],
    [{ limit: 0 }, 'limit', /between 1 and 20/],
    [{ offset: -1 }, 'offset', /0 or more/],
    [{ maxItems: 0 }, 'maxItems', /at least 1/],
    [{ state: 'deliverd' }, 'state', /must be one of queued/],
    [{ direction: 'both' }, 'direction', /"inbound" or "outbound"/],
    [{ messageTimeGte: 'yesterday' }, 'messageTimeGte', /not a date and time/],
    [{ messageTimeLt: new Date(Number.NaN) }, 'messageTimeLt', /must be a date/],
    [{ messageTimeLt: 5 }, 'messageTimeLt', /date or an ISO 8601/],
    [{ toNumber: '123' }, 'toNumber', /toNumber/],
  ])('listMessagesPage(%j) -> INVALID_INPUT-like error on %s', async (filters, field, message) => {
    const { client, transport } = countingClient();
    const error = await rejected(client.listMessagesPage(filters as never));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^List messages: /);
    expect(transport.calls).toBe(0);
  });

  it('reports filter errors from the iterator on first use', async () => {
    const { client, transport } = countingClient();
    const iterator = client.listMessages({ limit: 50 });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'limit' });
    expect(transport.calls).toBe(0);
  });

  it.each([
    ['getMessage', (c: ReturnType<typeof countingClient>['client']) => c.getMessage(''), 'messageUuid'],
    ['getMessage with a path', (c: ReturnType<typeof countingClient>['client']) => c.getMessage('../Account/'), 'messageUuid'],
    ['getApplication', (c: ReturnType<typeof countingClient>['client']) => c.getApplication(7 as never), 'appId'],
    ['deleteApplication', (c: ReturnType<typeof countingClient>['client']) => c.deleteApplication(' '), 'appId'],
    ['lookupNumber', (c: ReturnType<typeof countingClient>['client']) => c.lookupNumber('555'), 'number'],
    ['getNumber', (c: ReturnType<typeof countingClient>['client']) => c.getNumber('hello'), 'number'],
    ['updateNumber without changes', (c: ReturnType<typeof countingClient>['client']) => c.updateNumber('+14155550100', {}), undefined],
    [
      'createApplication with a bad name',
      (c: ReturnType<typeof countingClient>['client']) => c.createApplication({ appName: 'my app!' }),
      'appName',
    ],
    [
      'createApplication with a bad URL',
      (c: ReturnType<typeof countingClient>['client']) => c.createApplication({ appName: 'a', messageUrl: 'hooks' }),
      'messageUrl',
    ],
    ['updateApplication without changes', (c: ReturnType<typeof countingClient>['client']) => c.updateApplication('1', {}), undefined],
  ])('%s is rejected before sending', async (_label, call, field) => {
    const { client, transport } = countingClient();
    const error = await rejected(call(client));
    expect(error.field).toBe(field);
    expect(transport.calls).toBe(0);
  });
});
