// The sandbox answers malformed and unusual requests like Plivo: a 4xx in Plivo's error shape, never a 500 and never
// a reset connection. Requests are written on raw sockets, so targets, headers and bodies reach the server exactly as
// generated (fetch would normalise them).
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.js';
import { MAX_BODY_BYTES } from '../../src/sandbox/http.js';
import { account, basicAuth, call, startTestSandbox } from './helpers.js';

let sandbox: Sandbox;
const OWNED = '+14155552671';

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: false });
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

interface RawAnswer {
  /** null when the connection closed (or was reset) before a complete answer. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  error?: string;
}

/** Writes one HTTP/1.1 request as given and reads the answer until the server closes the connection. */
function rawRequest(head: string, body: Buffer = Buffer.alloc(0), chunkBytes = 64 * 1024): Promise<RawAnswer> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message;
    });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (split < 0 || !statusLine) return resolve({ status: null, headers: {}, body: text, ...(error ? { error } : {}) });
      const headers: Record<string, string> = {};
      for (const line of text.slice(0, split).split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const payload = text.slice(split + 4);
      const length = headers['content-length'] === undefined ? payload.length : Number(headers['content-length']);
      const complete = Buffer.byteLength(payload) >= length;
      resolve({ status: complete ? Number(statusLine[1]) : null, headers, body: payload, ...(error ? { error } : {}) });
    });
    socket.on('connect', () => {
      socket.write(head);
      // Written in chunks, like a client streaming a large upload.
      let offset = 0;
      const writeMore = (): void => {
        while (offset < body.length) {
          const chunk = body.subarray(offset, offset + chunkBytes);
          offset += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', writeMore);
            return;
          }
        }
      };
      writeMore();
    });
  });
}

function requestHead(method: string, target: string, headers: Record<string, string>, bodyBytes: number): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${new URL(sandbox.url).host}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (bodyBytes > 0 || method === 'POST') lines.push(`Content-Length: ${bodyBytes}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function authHeader(): Record<string, string> {
  return { Authorization: basicAuth(sandbox.authId, sandbox.authToken) };
}

/** Plivo's error shape (`{api_id, error}`, or `{error}` on a 401), or the Lookup API's (`{api_id, error_code, message}`). */
function isPlivoErrorShape(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const record = parsed as Record<string, unknown>;
  return typeof record.error === 'string' || (typeof record.message === 'string' && typeof record.error_code === 'number');
}

describe('malformed input gets a 4xx in Plivo shape', () => {
  it('regression: a malformed percent-escape in a path (GET …/Number/%ZZ/) is a 400, not a 500', async () => {
    for (const rest of ['Number/%ZZ/', 'Message/%E0%A4%A/', 'Application/%/']) {
      const answer = await call(sandbox, 'GET', account(sandbox, rest));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ api_id: expect.any(String), error: expect.stringMatching(/percent-encoding/) });
    }
    const lookup = await call(sandbox, 'GET', '/v1/Number/%ZZ?type=carrier');
    expect(lookup.status).toBe(400);
    expect(lookup.body).toEqual({ api_id: expect.any(String), error_code: 400, message: expect.any(String) });
    // Well-formed escapes still work.
    expect((await call(sandbox, 'GET', account(sandbox, 'Number/%2B14155552671/'))).status).toBe(200);
  });

  it('regression: a body over the limit gets a 413 in Plivo shape instead of a reset, and the server keeps serving', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const head = requestHead('POST', account(sandbox, 'Message/'), { ...authHeader(), 'Content-Type': 'application/json' }, body.length);
    const answer = await rawRequest(head, body);
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ api_id: expect.any(String), error: 'request body too large' });

    // Through fetch (undici), as the client would see it.
    const viaFetch = await fetch(`${sandbox.url}${account(sandbox, 'Message/')}`, {
      method: 'POST',
      headers: { ...authHeader(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ src: OWNED, dst: '+14155550123', text: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(viaFetch.status).toBe(413);
    expect(await viaFetch.json()).toMatchObject({ error: 'request body too large' });
    expect(sandbox.state.messages).toHaveLength(0);
    expect((await call(sandbox, 'GET', account(sandbox))).status).toBe(200);
  });

  it('a chunked body over the limit gets the 413 too, and `Expect: 100-continue` gets it before sending anything', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'b');
    const framed = Buffer.concat([
      ...Array.from({ length: 9 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
      Buffer.from('0\r\n\r\n'),
    ]);
    const chunked = await rawRequest(
      `POST ${account(sandbox, 'Message/')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: ${authHeader().Authorization}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      framed,
    );
    expect(chunked.status).toBe(413);
    expect(isPlivoErrorShape(chunked.body)).toBe(true);

    const expecting = await rawRequest(
      requestHead('POST', account(sandbox, 'Message/'), { ...authHeader(), Expect: '100-continue' }, MAX_BODY_BYTES + 1),
    );
    expect(expecting.status).toBe(413);
    expect(expecting.body).not.toContain('100 Continue');
    // A body within the limit is asked for with 100 Continue and handled as usual.
    const json = JSON.stringify({ src: OWNED, dst: '+14155550123', text: 'expect continue' });
    const continued = await rawRequest(
      requestHead('POST', account(sandbox, 'Message/'), { ...authHeader(), Expect: '100-continue', 'Content-Type': 'application/json' }, json.length),
      Buffer.from(json),
    );
    expect(continued.body).toContain('message(s) queued');
  });

  it('a body at the limit is still read', async () => {
    const padding = ' '.repeat(MAX_BODY_BYTES - 200);
    const json = `{"src":"${OWNED}","dst":"+14155550123","text":"at the limit"}${padding}`;
    const head = requestHead('POST', account(sandbox, 'Message/'), { ...authHeader(), 'Content-Type': 'application/json' }, json.length);
    expect((await rawRequest(head, Buffer.from(json))).status).toBe(202);
  });

  it('merges repeated slashes as Plivo does (the SDK asks for /v1/Account/{id}//)', async () => {
    expect((await call(sandbox, 'GET', `${account(sandbox)}/`)).status).toBe(200);
    expect((await call(sandbox, 'GET', `/v1//Account/${sandbox.authId}//Number//`)).status).toBe(200);
  });

  it('answers requests Node cannot parse, and absolute-form targets, in Plivo shape', async () => {
    const bad = await rawRequest('GET /v1/Account/ HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(isPlivoErrorShape(bad.body)).toBe(true);
    const huge = await rawRequest(`GET /v1/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(isPlivoErrorShape(huge.body)).toBe(true);
    const absolute = await rawRequest(requestHead('GET', `${sandbox.url}${account(sandbox)}`, authHeader(), 0));
    expect(absolute.status).toBe(200);
  });

  // Values that reach the handlers: known parameters with any JSON value, URL-ish ones kept on 127.0.0.1.
  const LOCAL_URLS = ['http://127.0.0.1:9/cb', 'not a url', '', 'ftp://127.0.0.1/x', 'http://[::1', 'http://127.0.0.1:9/%ZZ'];
  const PARAM_NAMES = [
    'src', 'dst', 'text', 'type', 'method', 'log', 'trackable', 'media_urls', 'media_ids', 'message_expiry', 'powerpack_uuid',
    'limit', 'offset', 'message_direction', 'message_state', 'message_type', 'message_time', 'message_time__gte',
    'from_number', 'to_number', 'error_code', 'app_name', 'app_id', 'alias', 'services', 'number_startswith',
    'message_method', 'log_incoming_messages', 'public_uri', 'name', 'city', 'timezone', 'from', 'to',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a[]', 'dst[]',
  ] as const;
  const URL_PARAMS = ['url', 'answer_url', 'message_url', 'hangup_url', 'fallback_answer_url'];
  const segment = fc.oneof(
    fc.constantFrom('Message', 'Number', 'Application', 'Media', 'Account', '', '.', '..', '%ZZ', '%', '%E0%A4%A', '%00', '%2F',
      '%2B14155552671', '14155552671', '+14155552671', '%C3%B1', '😀', 'ñ', 'a%20b', '*', '?', '#'),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~!$&\'()*+,;=:@%'), maxLength: 12 }),
  );
  const paramValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(OWNED, '14155550123', '+14155550123<+447520123456', '1111111', 'Textbridge', '-1', '1e3', '9'.repeat(40),
      '2024-01-01 00:00', 'mms', 'sms', 'GET', 'true', 'null'),
  );
  const params = fc.dictionary(fc.constantFrom(...PARAM_NAMES), paramValue, { maxKeys: 6 });
  const urlParams = fc.dictionary(fc.constantFrom(...URL_PARAMS), fc.constantFrom(...LOCAL_URLS), { maxKeys: 2 });
  const queryText = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 5 })), fc.oneof(
    fc.constantFrom('%ZZ', '%', '', '1', '20', '21', '-5', 'abc', 'carrier', '+14155552671', '%2B1'),
    fc.string({ unit: fc.constantFrom(...'ab19%&=+ '), maxLength: 8 }),
  )), { maxLength: 4 }).map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key)}=${value.replace(/[ #]/g, '+')}`).join('&'));
  const request = fc.record({
    method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'),
    prefix: fc.constantFrom('account', 'account', 'account', 'lookup', 'sandbox', 'other'),
    segments: fc.array(segment, { maxLength: 5 }),
    trailingSlash: fc.boolean(),
    query: queryText,
    auth: fc.constantFrom('valid', 'valid', 'valid', 'none', 'wrong', 'garbage'),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data', '',
      'application/json; charset=utf-8', 'application/vnd.api+json'),
    body: fc.oneof(
      fc.constant(undefined),
      fc.tuple(params, urlParams).map(([p, u]) => JSON.stringify({ ...p, ...u })),
      fc.tuple(params, urlParams).map(([p, u]) => {
        const form = new URLSearchParams();
        for (const [key, value] of Object.entries({ ...p, ...u })) form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
        return form.toString();
      }),
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('{', '{"src":', '[]', '""', 'null', '{"dst":{"$gt":1}}', '%ZZ=1&a', '\u0000\u0001', '{"text":"\ud800"}'),
    ),
  });

  type RequestInput = typeof request extends fc.Arbitrary<infer T> ? T : never;

  function targetOf(input: RequestInput): string {
    const tail = input.segments.join('/') + (input.trailingSlash ? '/' : '');
    const base = {
      account: `/v1/Account/${sandbox.authId}/`,
      lookup: '/v1/Number/',
      sandbox: '/__sandbox/',
      other: '/',
    }[input.prefix];
    // Request targets may not hold spaces or control characters on the wire.
    const target = `${base}${tail}${input.query ? `?${input.query}` : ''}`;
    return Buffer.from(target, 'utf8').toString('latin1').replace(/[\s\u0000-\u001f\u007f]/g, '');
  }

  it('answers any request below 500, in Plivo shape when it is an error, and never resets the connection', async () => {
    const bugs: string[] = [];
    const unsubscribe = sandbox.events.subscribe((event) => {
      if (event.type === 'fault' && event.summary.includes('sandbox bug')) bugs.push(event.summary);
    });
    try {
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          const headers: Record<string, string> = {};
          if (input.auth === 'valid') Object.assign(headers, authHeader());
          if (input.auth === 'wrong') headers.Authorization = basicAuth(sandbox.authId, 'wrong-token');
          if (input.auth === 'garbage') headers.Authorization = 'Basic %%%';
          if (input.contentType) headers['Content-Type'] = input.contentType;
          const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body, 'utf8');
          const answer = await rawRequest(requestHead(input.method, targetOf(input), headers, body.length), body);
          expect(answer.error).toBeUndefined();
          expect(answer.status).not.toBeNull();
          expect(answer.status).toBeLessThan(500);
          if (answer.status! >= 400) expect(isPlivoErrorShape(answer.body)).toBe(true);
        }),
        { numRuns: 400 },
      );
    } finally {
      unsubscribe();
    }
    expect(bugs).toEqual([]);
  });
});

describe('senders the account may use', () => {
  const send = (json: Record<string, unknown>) => call(sandbox, 'POST', account(sandbox, 'Message/'), { json });

  it('regression: refuses a number the account does not own, recording nothing', async () => {
    for (const src of ['+14155550100', '14155550100', '+447700900123', '12345']) {
      const answer = await send({ src, dst: '+14155550123', text: 'from a stranger' });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ api_id: expect.any(String), error: expect.stringMatching(/^This caller ID is not allowed for outbound message/) });
    }
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('accepts each of its own numbers, in any format Plivo reads', async () => {
    for (const src of [...sandbox.numbers, sandbox.numbers[0]!.slice(1), '+1 (415) 555-2671']) {
      expect((await send({ src, dst: '+447700900123', text: 'ours' })).status).toBe(202);
    }
  });

  it('takes an alphanumeric sender only where the destination country allows one', async () => {
    expect((await send({ src: 'Textbridge', dst: '+447700900123', text: 'hi' })).status).toBe(202);
    for (const dst of ['+14155550123', '+16045550123', '+5511987654321', '+447700900123<+14155550123']) {
      const answer = await send({ src: 'Textbridge', dst, text: 'hi' });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/^This caller ID is not allowed for outbound message: alphanumeric/);
    }
    expect(sandbox.state.messages).toHaveLength(1);
  });

  it('stops accepting a number once it is unrented', async () => {
    const fresh = await startTestSandbox({ rateLimit: false });
    try {
      const gb = fresh.numbers[3]!.slice(1);
      expect((await call(fresh, 'DELETE', account(fresh, `Number/${gb}/`))).status).toBe(204);
      const answer = await call(fresh, 'POST', account(fresh, 'Message/'), { json: { src: gb, dst: '+447700900123', text: 'x' } });
      expect(answer.status).toBe(400);
      expect((await call(fresh, 'GET', account(fresh, `Number/${gb}/`))).status).toBe(404);
    } finally {
      await fresh.stop();
    }
  });
});
