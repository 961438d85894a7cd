import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEBHOOK_MAX_BYTES,
  PLIVO_SIGNATURE_HEADERS as H,
  TextbridgeError,
  parseDeliveryStatus,
  parseInboundMessage,
  parseWebhookBody,
  verifyPlivoSignature,
} from '../../src/index.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function params(input: Parameters<typeof parseWebhookBody>[0]) {
  const result = parseWebhookBody(input);
  if (!result.ok) throw new Error(`expected ok, got ${result.status} ${result.error.message}`);
  return result.params;
}

function refusal(input: Parameters<typeof parseWebhookBody>[0]) {
  const result = parseWebhookBody(input);
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error).toBeInstanceOf(TextbridgeError);
  expect(result.error.code).toBe('INVALID_WEBHOOK');
  return result;
}

describe('parseWebhookBody: form bodies', () => {
  it('decodes form data, turning repeated keys into arrays', () => {
    const rawBody = Buffer.from('To=14155550100&Text=Caf%C3%A9+%E2%80%9Cok%E2%80%9D&Media=a&Media=b&Empty=&Flag');
    expect(params({ method: 'POST', contentType: `${FORM}; charset=UTF-8`, rawBody })).toEqual({
      To: '14155550100',
      Text: 'Café “ok”',
      Media: ['a', 'b'],
      Empty: '',
      Flag: '',
    });
    expect(params({ method: 'post', contentType: FORM, rawBody: 'a=1&&b=2&' })).toEqual({ a: '1', b: '2' });
  });

  it('keeps a __proto__ key as an ordinary parameter', () => {
    const result = params({ method: 'POST', contentType: FORM, rawBody: '__proto__=x&a=1' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'a']);
  });

  it.each(['Text=%zz', 'Text=%E0%A4%A', 'Text=%FF', 'Te%xt=1', 'a=%'])(
    'refuses malformed percent-encoding %j with 400',
    (body) => {
      const result = refusal({ method: 'POST', contentType: FORM, rawBody: body });
      expect(result.status).toBe(400);
      expect(result.error.message).toMatch(/percent-encoding/);
    },
  );

  it('refuses bytes that are not UTF-8 with 400', () => {
    expect(refusal({ method: 'POST', contentType: FORM, rawBody: Buffer.from([0x61, 0x3d, 0xff, 0xfe]) }).status).toBe(
      400,
    );
  });

  it('refuses more than maxKeys parameters with 413', () => {
    const body = Array.from({ length: 1_001 }, (_, i) => `k${i}=v`).join('&');
    expect(refusal({ method: 'POST', contentType: FORM, rawBody: body }).status).toBe(413);
    expect(Object.keys(params({ method: 'POST', contentType: FORM, rawBody: body, maxKeys: 2_000 }))).toHaveLength(
      1_001,
    );
  });
});

describe('parseWebhookBody: JSON bodies', () => {
  it('turns values into the strings Plivo signs', () => {
    const rawBody = JSON.stringify({
      To: 14155550100,
      Units: 1,
      Log: true,
      Gone: null,
      Media: ['a', 2, null],
      Nested: { b: 1 },
    });
    expect(params({ method: 'POST', contentType: 'application/json; charset=utf-8', rawBody })).toEqual({
      To: '14155550100',
      Units: '1',
      Log: 'true',
      Gone: '',
      Media: ['a', '2', ''],
      Nested: '{"b":1}',
    });
    expect(params({ method: 'POST', contentType: 'application/vnd.plivo+json', rawBody: '\ufeff{"a":"1"}' })).toEqual({
      a: '1',
    });
  });

  it.each([
    ['[1,2]', /array/],
    ['"text"', /string/],
    ['null', /null/],
    ['{"a":', /not valid JSON/],
    ['{a:1}', /not valid JSON/],
  ])('refuses %j with 400', (body, message) => {
    const result = refusal({ method: 'POST', contentType: JSON_TYPE, rawBody: body });
    expect(result.status).toBe(400);
    expect(result.error.message).toMatch(message);
  });

  it('refuses JSON bombs (depth, key count) with 413 before or right after parsing', () => {
    const deep = `{"a":${'{"b":'.repeat(25)}1${'}'.repeat(25)}}`;
    expect(refusal({ method: 'POST', contentType: JSON_TYPE, rawBody: deep }).status).toBe(413);
    expect(params({ method: 'POST', contentType: JSON_TYPE, rawBody: deep, maxDepth: 30 }).a).toBe(
      JSON.stringify(JSON.parse(deep).a),
    );
    // Brackets inside strings are text, not nesting.
    expect(params({ method: 'POST', contentType: JSON_TYPE, rawBody: `{"a":"${'[{'.repeat(50)}\\"]"}` }).a).toBe(
      `${'[{'.repeat(50)}"]`,
    );
    const bomb = '['.repeat(DEFAULT_WEBHOOK_MAX_BYTES - 1);
    const started = performance.now();
    expect(refusal({ method: 'POST', contentType: JSON_TYPE, rawBody: `{"a":${bomb.slice(5)}` }).status).toBe(413);
    expect(performance.now() - started).toBeLessThan(200);
    const wide = JSON.stringify({ a: Array.from({ length: 600 }, () => ({ b: 1 })) });
    expect(refusal({ method: 'POST', contentType: JSON_TYPE, rawBody: wide }).status).toBe(413);
  });
});

describe('parseWebhookBody: empty bodies, sizes, content types, GET', () => {
  it.each([undefined, null, '', Buffer.alloc(0), '  \n'])('reads an empty body %j as no parameters', (rawBody) => {
    expect(params({ method: 'POST', contentType: FORM, rawBody })).toEqual({});
  });

  it('needs no content type when there is no body', () => {
    expect(params({ method: 'POST', rawBody: Buffer.alloc(0) })).toEqual({});
  });

  it.each([
    ['text/plain', /not form data or JSON/],
    ['multipart/form-data; boundary=x', /not form data or JSON/],
    [`${FORM}; charset=iso-8859-1`, /charset iso-8859-1/],
    [undefined, /no Content-Type/],
  ])('refuses content type %j with 415', (contentType, message) => {
    const result = refusal({ method: 'POST', contentType: contentType ?? null, rawBody: 'a=1' });
    expect(result.status).toBe(415);
    expect(result.error.message).toMatch(message);
    expect(result.error.field).toBe('content-type');
  });

  it('refuses bodies over maxBytes with 413, counting UTF-8 bytes', () => {
    expect(
      refusal({ method: 'POST', contentType: FORM, rawBody: Buffer.alloc(DEFAULT_WEBHOOK_MAX_BYTES + 1, 0x61) }).status,
    ).toBe(413);
    expect(
      params({ method: 'POST', contentType: FORM, rawBody: Buffer.alloc(DEFAULT_WEBHOOK_MAX_BYTES, 0x61) }),
    ).toEqual({
      ['a'.repeat(DEFAULT_WEBHOOK_MAX_BYTES)]: '',
    });
    expect(refusal({ method: 'POST', contentType: FORM, rawBody: 'a=€€', maxBytes: 7 }).status).toBe(413);
    expect(params({ method: 'POST', contentType: FORM, rawBody: 'a=€€', maxBytes: 8 })).toEqual({ a: '€€' });
    expect(refusal({ method: 'POST', contentType: FORM, rawBody: 'x'.repeat(11), maxBytes: 10 }).status).toBe(413);
  });

  it('reads GET parameters from the query, in any form, ignoring a body', () => {
    const expected = { MessageUUID: 'u', Status: 'sent', Media: ['1', '2'] };
    const query = 'MessageUUID=u&Status=sent&Media=1&Media=2';
    expect(params({ method: 'GET', query: `?${query}`, rawBody: 'ignored', contentType: 'text/plain' })).toEqual(
      expected,
    );
    expect(params({ method: 'GET', query })).toEqual(expected);
    expect(params({ method: 'GET', query: new URLSearchParams(query) })).toEqual(expected);
    expect(params({ method: 'GET', query: { MessageUUID: 'u', Status: 'sent', Media: ['1', 2] } })).toEqual(expected);
    expect(params({ method: 'GET' })).toEqual({});
    expect(refusal({ method: 'GET', query: 'a=%zz' }).status).toBe(400);
  });

  it('refuses a body that is not raw, pointing to the raw body', () => {
    const result = refusal({ method: 'POST', contentType: FORM, rawBody: { a: 1 } as never });
    expect(result.status).toBe(400);
    expect(result.error.hint).toMatch(/rawBody/);
  });
});

describe('host flow: body -> signature -> event, for every signature vector', () => {
  const vectors = JSON.parse(
    readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8'),
  ) as {
    method: string;
    url: string;
    params: Record<string, string>;
    authToken: string;
    nonce: string;
    signatureV3: string;
  }[];

  it.each(vectors.map((v, i) => [i, v] as const))('vector %i', (_i, v) => {
    const encoded = new URLSearchParams(v.params).toString();
    const received =
      v.method === 'GET'
        ? parseWebhookBody({ method: 'GET', query: encoded })
        : parseWebhookBody({ method: 'POST', contentType: FORM, rawBody: Buffer.from(encoded) });
    expect(received).toEqual({ ok: true, params: v.params });
    if (!received.ok) return;
    const headers = { 'x-plivo-signature-v3': v.signatureV3, 'x-plivo-signature-v3-nonce': v.nonce };
    const check = verifyPlivoSignature({
      method: v.method,
      url: v.url,
      params: received.params,
      headers,
      authToken: v.authToken,
    });
    expect(check).toEqual({ valid: true, version: 'v3' });
    const event = 'Status' in v.params ? parseDeliveryStatus(received.params) : parseInboundMessage(received.params);
    expect(event.ok).toBe(true);
    expect(
      verifyPlivoSignature({
        method: v.method,
        url: v.url,
        params: { ...received.params, To: '1' },
        headers: { [H.v3]: v.signatureV3, [H.v3Nonce]: v.nonce },
        authToken: v.authToken,
      }).valid,
    ).toBe(false);
  });
});

describe('parseWebhookBody never throws (fast-check)', () => {
  const contentType = fc.oneof(
    fc.constantFrom(
      FORM,
      JSON_TYPE,
      `${FORM}; charset=utf-8`,
      'text/plain',
      '',
      'application/json; charset=latin1',
      'application/x+json',
    ),
    fc.string(),
    fc.constant(undefined),
  );
  const rawBody = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.json(),
    fc.dictionary(fc.string(), fc.string()).map((d) => new URLSearchParams(d).toString()),
    fc
      .array(fc.constantFrom('a=', '%', '%2', '%e2%82', '&', '=', '+', '{', '[', '"', '\\', ']', '}', ':', ','))
      .map((parts) => parts.join('')),
    fc.anything(),
  );
  const query = fc.oneof(fc.string(), fc.dictionary(fc.string(), fc.anything()), fc.anything());

  it('always answers ok, or a refusal with 400/413/415 and an INVALID_WEBHOOK error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('POST', 'GET', 'PUT', 'get'),
        contentType,
        rawBody,
        query,
        fc.integer({ min: 0, max: 300 }),
        (method, type, body, q, maxBytes) => {
          const result = parseWebhookBody({
            method,
            contentType: type as string,
            rawBody: body as string,
            query: q as string,
            maxBytes,
          });
          if (result.ok) {
            for (const value of Object.values(result.params)) {
              expect(
                typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string')),
              ).toBe(true);
            }
          } else {
            expect([400, 413, 415]).toContain(result.status);
            expect(result.error.code).toBe('INVALID_WEBHOOK');
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('reads back any form-encoded parameters', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'grapheme' })),
        (dict) => {
          const rawBody = new URLSearchParams(dict).toString();
          expect(params({ method: 'POST', contentType: FORM, rawBody })).toEqual(dict);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
